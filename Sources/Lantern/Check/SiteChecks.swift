import Foundation
import Markdown

/// Checks over a loaded and rendered site; they report, never write.
public struct SiteChecks {
    let site: Site
    let tree: OutputTree
    let diagnostics: Diagnostics
    /// Links and ids found in the rendered pages (from templates and data as well as Markdown).
    let rendered: LinkCollector?
    /// Each page's Markdown body as rendered (headings, links), by source path.
    let bodies: [String: RenderedMarkdown]

    /// Checks a build made with `keepFacts: true` whose site loaded.
    public init(result: BuildResult, diagnostics: Diagnostics) {
        self.site = result.site!
        self.tree = result.tree
        self.diagnostics = diagnostics
        self.rendered = result.links
        self.bodies = result.bodies
    }

    public func run() {
        // Links made by templates are checked only on a site that built cleanly: after an error,
        // pages are missing and every link to them would be a follow-on error.
        let builtCleanly = diagnostics.errorCount == 0
        checkLinks()
        if builtCleanly { checkRenderedLinks() }
        checkHeadings()
        checkDates()
    }

    /// Every link written in Markdown, as the rendered pages make it (`#x` becomes `/page/#x`): those
    /// are checked by `checkLinks`, with their positions.
    private var markdownLinks: [String: (page: Page, link: RenderedMarkdown.Link)] {
        var out: [String: (page: Page, link: RenderedMarkdown.Link)] = [:]
        for page in site.pages {
            for link in bodies[page.sourcePath]?.links ?? [] {
                let url = link.url.hasPrefix("#") ? page.url + link.url : link.url
                if out[url] == nil { out[url] = (page, link) }
            }
        }
        return out
    }

    /// Internal links that templates and data put on pages (menus, cards, pagers, calendars…) and
    /// that lead nowhere. Each is reported where it is written: the template line holding the
    /// address, or content/site.yml for menu targets, or else the first page's source.
    func checkRenderedLinks() {
        guard let rendered else { return }
        let fromMarkdown = markdownLinks
        for (target, pagePath) in rendered.internalTargets.sorted(by: { $0.key < $1.key }) where fromMarkdown[target] == nil {
            let (path, file, fragment) = Self.resolve(target, on: "/")
            let onPage = "/" + LinkCollector.url(ofFile: pagePath)
            if !tree.contains(file) {
                diagnostics.error(location(of: target, page: pagePath), "the link \(target) on \(onPage) leads to a page that does not exist",
                                  hint: Self.suggestion(for: path, in: tree))
            } else if let fragment, !fragment.isEmpty, let ids = rendered.ids(of: file), !ids.contains(fragment) {
                diagnostics.error(location(of: target, page: pagePath), "the link \(target) on \(onPage) points to #\(fragment), which that page does not have",
                                  hint: "link to an id the page has, or drop the #part.")
            }
        }
        // Same-page #links: checked on every page that has them, reported once per link (those
        // written in Markdown were checked above).
        for (fragment, pages) in rendered.fragmentTargets.sorted(by: { $0.key < $1.key }) where !fragment.isEmpty {
            let missing = pages.filter {
                !(rendered.ids(of: $0)?.contains(fragment) ?? true) && fromMarkdown["/" + LinkCollector.url(ofFile: $0) + "#" + fragment] == nil
            }
            guard let first = missing.first else { continue }
            let more = missing.count > 1 ? " and \(missing.count - 1) other page\(missing.count == 2 ? "" : "s")" : ""
            diagnostics.error(location(of: "\"#\(fragment)\"", page: first), "the link #\(fragment) on /\(LinkCollector.url(ofFile: first))\(more) points to an id the page does not have",
                              hint: "give the element it should reach `id=\"\(fragment)\"`, or fix the link.")
        }
    }

    /// Where a rendered link is written: a template that holds it literally, site.yml, or the page.
    private func location(of target: String, page pagePath: String) -> SourceLocation {
        // A quoted needle (`"#x"`) is found with its quotes; the position is the link's own.
        let skip = target.hasPrefix("\"") ? 1 : 0
        for (path, text) in site.templates.sources.sorted(by: { $0.key < $1.key }) {
            if let at = Self.position(of: target, in: text) { return SourceLocation(path: path, line: at.line, column: at.column + skip) }
        }
        // Menu targets are written once, without the language prefix they get on /en/ pages.
        let path = String(target.split(separator: "#")[0])
        var candidates = [path]
        for language in site.config.languages where language != .default && path.hasPrefix(language.urlPrefix + "/") {
            candidates.append(String(path.dropFirst(language.urlPrefix.count)))
        }
        for candidate in candidates {
            if let at = Self.position(of: candidate, in: site.config.sourceText) {
                return SourceLocation(path: "content/site.yml", line: at.line, column: at.column)
            }
        }
        return tree.owner(of: pagePath) ?? .file("content/site.yml")
    }

    static func position(of needle: String, in text: String) -> (line: Int, column: Int)? {
        guard !needle.isEmpty, let range = text.range(of: needle) else { return nil }
        let before = text[..<range.lowerBound]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1
        return (line, column)
    }

    /// `--external`: addresses on other sites that do not answer, as warnings (other sites come and
    /// go; `--strict` makes them errors).
    public func checkExternal(_ checker: ExternalLinks) -> (checked: Int, skipped: Int) {
        guard let rendered else { return (0, 0) }
        let uses = rendered.externalTargets
        let fromMarkdown = markdownLinks
        let (problems, skipped) = checker.check(Array(uses.keys))
        for (url, outcome) in problems {
            let location: SourceLocation
            if let (page, link) = fromMarkdown[url] {
                location = page.location(of: link.position)
            } else {
                location = tree.owner(of: uses[url] ?? "") ?? .file("content/site.yml")
            }
            switch outcome {
            case .ok: continue
            case .status(let code):
                diagnostics.warning(location, "the link \(url) answers with HTTP \(code)\(code == 404 || code == 410 ? " (the page is gone)" : "")",
                                    hint: "find the page's new address, or remove the link.")
            case .unreachable(let reason):
                diagnostics.warning(location, "the link \(url) could not be reached: \(reason)",
                                    hint: "check the address; if the site is down only for now, check again later.")
            }
        }
        return (min(uses.count, checker.limit), skipped)
    }

    static let vagueLinkTexts: Set<String> = ["bấm vào đây", "nhấn vào đây", "click here", "here", "tại đây", "ở đây", "xem thêm", "read more", "link"]

    /// Internal links and #anchors in Markdown that lead nowhere; vague or empty link text; images.
    func checkLinks() {
        var anchors: [String: Set<String>] = [:]
        for page in site.pages { anchors[page.url] = Set(bodies[page.sourcePath]?.headings.map(\.id) ?? []) }
        for page in site.pages {
            for link in bodies[page.sourcePath]?.links ?? [] {
                let location = page.location(of: link.position)
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
                let (path, file, fragment) = Self.resolve(link.url, on: page.url)
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

    /// An internal link as the site path it leads to, that path's output file, and its `#fragment`:
    /// `/a/b?x=1#c` → (`/a/b/`, `a/b/index.html`, `c`); `#c` alone is on `pageURL`.
    static func resolve(_ link: String, on pageURL: String) -> (path: String, file: String, fragment: String?) {
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        var path = String(parts[0].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        if path.isEmpty { path = pageURL }
        if !path.hasSuffix("/") && !path.contains(".") { path += "/" }
        return (path, OutputTree.filePath(forURL: path), parts.count > 1 ? String(parts[1]) : nil)
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
            for h in bodies[page.sourcePath]?.headings ?? [] {
                let location = page.location(of: h.position)
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

    /// Guides not reviewed for `stale_guide_days`, and snapshots dated after the build date.
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
