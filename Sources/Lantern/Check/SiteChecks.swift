import Foundation

/// Checks over a loaded and rendered site; they report, never write.
public struct SiteChecks {
    let site: Site
    let tree: OutputTree
    let diagnostics: Diagnostics

    public init(site: Site, tree: OutputTree, diagnostics: Diagnostics) {
        self.site = site
        self.tree = tree
        self.diagnostics = diagnostics
    }

    public func run() {
        checkLinks()
        checkHeadings()
        checkDates()
    }

    static let vagueLinkTexts: Set<String> = ["bấm vào đây", "nhấn vào đây", "click here", "here", "tại đây", "ở đây", "xem thêm", "read more", "link"]

    /// Internal links and #anchors in Markdown that lead nowhere; vague or empty link text; images.
    func checkLinks() {
        var anchors: [String: Set<String>] = [:]
        for page in site.pages { anchors[page.url] = Set(page.rendered?.headings.map(\.id) ?? []) }
        for page in site.pages {
            for link in page.rendered?.links ?? [] {
                let location = SourceLocation(path: page.sourcePath, line: page.bodyLine + link.position.line - 1, column: link.position.column)
                if link.isImage && link.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    diagnostics.error(location, "the image \(link.url) has no alt text",
                                      hint: "write ![what the image shows](\(link.url)).")
                }
                if !link.isImage {
                    let text = link.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                    if text.isEmpty {
                        diagnostics.error(location, "the link to \(link.url) has no text", hint: "write [words that say where it leads](\(link.url)).")
                    } else if Self.vagueLinkTexts.contains(text) {
                        diagnostics.warning(location, "the link text \"\(link.text)\" does not say where it leads",
                                            hint: "use words that make sense alone, e.g. [hướng dẫn cài đặt VNeID](…); screen readers list links by their text.")
                    }
                }
                guard link.url.hasPrefix("/") || link.url.hasPrefix("#") else { continue }
                let parts = link.url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                var path = String(parts[0])
                let fragment = parts.count > 1 ? String(parts[1]) : nil
                if path.isEmpty { path = page.url }
                if !path.hasSuffix("/") && !path.contains(".") { path += "/" }
                let file = OutputTree.filePath(forURL: path)
                guard tree.contains(file) else {
                    diagnostics.error(location, "the link \(link.url) leads to a page that does not exist",
                                      hint: Self.suggestion(for: path, in: tree))
                    continue
                }
                if let fragment, !fragment.isEmpty, let ids = anchors[path], !ids.contains(fragment) {
                    let guess = Suggest.closest(to: fragment, in: Array(ids)).map { " Did you mean #\($0)?" } ?? ""
                    diagnostics.error(location, "the page \(path) has no heading with the id #\(fragment)",
                                      hint: "link to one of its headings.\(guess)")
                }
            }
        }
    }

    static func suggestion(for path: String, in tree: OutputTree) -> String {
        let urls = tree.paths.filter { $0.hasSuffix("index.html") }.map { "/" + $0.dropLast("index.html".count) }
        if let guess = Suggest.closest(to: path, in: urls) { return "did you mean \(guess)?" }
        return "check the address; internal links start with / and end with /."
    }

    /// Headings that skip a level (## then ####), counting the page title as the h1.
    func checkHeadings() {
        for page in site.pages {
            var previous = 1
            for h in page.rendered?.headings ?? [] {
                let location = SourceLocation(path: page.sourcePath, line: page.bodyLine + h.position.line - 1, column: h.position.column)
                if h.level == 1 {
                    diagnostics.warning(location, "a level-1 heading (`#`) in the text: the page title is already the level-1 heading",
                                        hint: "start sections with `##`.")
                } else if h.level > previous + 1 {
                    diagnostics.warning(location, "the heading \"\(h.text)\" skips from level \(previous) to level \(h.level)",
                                        hint: "use `\(String(repeating: "#", count: previous + 1))` here; screen reader users move by heading levels.")
                }
                previous = h.level
            }
        }
    }

    /// Past events still scheduled, snapshots in the future, guides not reviewed for a long time.
    func checkDates() {
        for page in site.pages where page.language == .default {
            if let g = page.guide, g.updated.adding(days: site.config.staleGuideDays) < site.today {
                diagnostics.warning(.file(page.sourcePath), "this guide was last updated on \(g.updated.iso), more than \(site.config.staleGuideDays) days ago",
                                    hint: "apps change their screens; check the steps again and update `updated:`.")
            }
        }
        for snapshot in site.snapshots where snapshot.asOf > site.today {
            diagnostics.warning(.file(snapshot.sourcePath), "the snapshot is dated \(snapshot.asOf.iso), after today (\(site.today.iso))",
                                hint: "check `as_of`: progress figures describe the past.")
        }
    }
}
