import Foundation
import Markdown
import Yams

/// Turns one Markdown file into a `Page`: front matter fields per content type, validated with
/// positions in the `.md` file.
struct PageDecoder {
    let reference: ReferenceData
    let diagnostics: Diagnostics
    /// Shares the values many pages repeat (see `ValuePool`).
    var pool = ValuePool()

    static let commonFields = ["title", "summary", "slug", "draft", "aliases", "translation_key", "weight", "illustrative"]
    static let audiences = ["everyone", "elderly", "farmers", "students", "officials", "traders"]
    static let levels = ["basic", "intermediate"]

    /// - Parameters:
    ///   - path: e.g. `content/guides/cai-dat-vneid.en.md`
    ///   - kind: from the file's folder
    func decode(path: String, text: String, kind: Page.Kind) -> Page? {
        let front: FrontMatter
        do {
            front = try FrontMatter.split(text)
        } catch {
            switch error {
            case .empty:
                diagnostics.error(.file(path), "the file is empty",
                                  hint: "start it with front matter between two `---` lines (at least `title:`), or delete the file.")
            case .missingOpening:
                diagnostics.error(.file(path), "the file does not start with front matter",
                                  hint: "put `---` on the first line, then fields such as `title: \"…\"`, then another `---` line before the text.")
            case .unclosed(let line):
                diagnostics.error(SourceLocation(path: path, line: line), "the front matter opened here is never closed",
                                  hint: "add a line with only `---` after the last field, before the text of the page.")
            case .dotsLine(let line):
                diagnostics.error(SourceLocation(path: path, line: line), "front matter must end with a `---` line, not `...`",
                                  hint: "replace this line with `---`; what follows `...` would otherwise be dropped or shown as text.")
            }
            return nil
        }
        let offset = front.yamlLine - 1
        let empty = YAMLLoader.Empty(message: "the front matter is empty, so this page would not be published",
                                     hint: "add fields between the two `---` lines, at least `title: \"…\"`.")
        guard let node = YAMLLoader.parse(front.yaml, path: path, lineOffset: offset, diagnostics: diagnostics, empty: empty) else { return nil }
        guard let mapping = node.mapping else {
            diagnostics.error(SourceLocation(path: path, line: front.yamlLine), "the front matter must be `key: value` fields",
                              hint: "write one field per line, e.g. `title: \"Cài đặt VNeID\"`.")
            return nil
        }
        let f = YAMLFields(mapping, path: path, lineOffset: offset, diagnostics: diagnostics,
                           owner: SourceLocation(path: path, line: 1))

        let (baseName, language) = Self.nameAndLanguage(path)
        f.rejectUnknownKeys(Self.commonFields + kind.info.fields, kind: kind.rawValue)

        let title = f.string("title", required: true, example: "\"Cài đặt VNeID\"") ?? ""
        let summary = f.string("summary", required: kind.info.needsSummary, example: "\"Một câu nói trang này giúp gì.\"") ?? ""
        guard let slug = slug(f, baseName: baseName, path: path) else { return nil }
        let aliases = aliases(f)

        let details: Page.Details
        switch kind {
        case .home: details = .home
        case .page: details = .page
        case .guide: guard let g = guide(f) else { return nil }; details = .guide(g)
        case .story: guard let s = story(f) else { return nil }; details = .story(s)
        case .event: guard let e = event(f) else { return nil }; details = .event(e)
        }

        let section = kind.info.section
        let url = kind == .home ? language.urlPrefix + "/" : section.map { $0.url(language, slug: slug) } ?? .tight(language.urlPrefix, "/", slug, "/")
        let key = f.string("translation_key") ?? .tight(section?.rawValue ?? "pages", "/", baseName)
        return Page(language: language, sourcePath: path, translationKey: key,
                    translationKeyLocation: f["translation_key"].map(f.location) ?? .file(path), url: url,
                    title: title, summary: summary, draft: f.bool("draft"), aliases: aliases,
                    urlLocation: f["slug"].map(f.location) ?? .file(path),
                    weight: f.int("weight") ?? 0, illustrative: f.bool("illustrative"), details: details,
                    bodyLine: front.bodyLine,
                    bodyIsFallback: language != .default && Self.isBlank(front.body),
                    planKey: Self.planKey(front))
    }

    /// What of a file the site's plan depends on: its front matter, where its body starts and
    /// whether the body is blank (a blank English body falls back to the Vietnamese one). The
    /// body's text itself is read again whenever it is rendered.
    static func planKey(_ front: FrontMatter) -> UInt64 {
        var hash = FNV1a()
        hash.add(front.yaml)
        hash.add("\0\(front.bodyLine)\0\(isBlank(front.body))")
        return hash.value
    }

    /// Only spaces, tabs and line breaks.
    static func isBlank(_ body: String) -> Bool {
        body.utf8.allSatisfy { $0 == 32 || $0 == 10 || $0 == 9 || $0 == 13 }
    }

    /// What of the file at `path` the plan depends on (`planKey`), read now; nil when it cannot be
    /// read or split (then the file is loaded properly, with its errors).
    static func planKey(path: String, fs: FileSystem) -> UInt64? {
        guard let text = ContentLoader.readText(path, fs: fs, diagnostics: nil),
              let front = try? FrontMatter.split(text) else { return nil }
        return planKey(front)
    }

    /// The page's URL part: `slug` from the front matter, which must already be clean (it becomes a
    /// folder name), or else the file name, transliterated (`Đường đi.md` → `duong-di`).
    private func slug(_ f: YAMLFields, baseName: String, path: String) -> String? {
        if let node = f["slug"] {
            guard let text = node.scalar?.string else {
                diagnostics.error(f.location(node), "`slug` must be text", hint: URLParts.hint("slug", baseName))
                return nil
            }
            if text.isEmpty {
                diagnostics.error(f.location(node), "`slug` is empty, which would leave the page without an address of its own",
                                  hint: "remove the line to use the file name, or write it like `slug: \(Slug.make(baseName).isEmpty ? "ten-trang" : Slug.make(baseName))`.")
                return nil
            }
            if let problem = URLParts.problem(slug: text) {
                diagnostics.error(f.location(node), "the slug `\(URLParts.shown(text))` is not a clean URL part: \(problem)",
                                  hint: URLParts.hint("slug", text))
                return nil
            }
            return text
        }
        let made = Slug.make(baseName)
        if let problem = URLParts.problem(slug: made) {
            diagnostics.error(.file(path), "the file name `\(URLParts.shown(baseName))` does not give a clean URL part: \(problem)",
                              hint: "rename the file using letters, digits and hyphens (at most \(URLParts.maxLength) characters), or add a `slug:`.")
            return nil
        }
        return made
    }

    /// Old addresses that redirect to the page; each must be a clean site path (it becomes a folder
    /// in the output), reported at its own position when it is not.
    private func aliases(_ f: YAMLFields) -> [Page.Alias] {
        guard let node = f["aliases"], f.strings("aliases", example: "[/cu/duong-dan/]") != nil else { return [] }
        let items = node.sequence.map(Array.init) ?? [node]
        return items.compactMap { item -> Page.Alias? in
            guard let text = item.scalar?.string else { return nil }
            switch URLParts.sitePath(text) {
            case .success(let path): return Page.Alias(url: path, location: f.location(item))
            case .failure(let problem):
                diagnostics.error(f.location(item), "the alias `\(URLParts.shown(text))` is not a clean site path: \(problem.reason)",
                                  hint: "write an old address of this site, like `/cu/duong-dan/`: parts of letters, digits, `-`, `_`, `.` and `~`, separated by `/`.")
                return nil
            }
        }
    }

    /// `guides/cai-dat-vneid.en.md` → ("cai-dat-vneid", .en)
    static func nameAndLanguage(_ path: String) -> (String, Language) {
        var name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        for language in Language.allCases where language != .default && name.hasSuffix(language.fileSuffix) {
            name.removeLast(language.fileSuffix.count)
            return (name, language)
        }
        return (name, .default)
    }

    private func checkReference(_ f: YAMLFields, _ key: String, _ id: String, known: [String], file: String) -> Bool {
        guard !known.contains(id) else { return true }
        let guess = Suggest.closest(to: id, in: known).map { "did you mean `\($0)`? " } ?? ""
        diagnostics.error(f.location(f[key]), "unknown \(key) `\(id)`", hint: "\(guess)Known ones are listed in \(file).")
        return false
    }

    private func guide(_ f: YAMLFields) -> Page.Guide? {
        let topics = f.strings("topics", required: true, example: "[vneid]") ?? []
        for t in topics { _ = checkReference(f, "topics", t, known: reference.topics.map(\.id), file: "content/data/topics.yml") }
        let audience = f.strings("audience", example: "[everyone]") ?? ["everyone"]
        for a in audience where !Self.audiences.contains(a) {
            let guess = Suggest.closest(to: a, in: Self.audiences).map { "did you mean `\($0)`? " } ?? ""
            diagnostics.error(f.location(f["audience"]), "unknown audience `\(a)`", hint: "\(guess)Use: \(Self.audiences.joined(separator: ", ")).")
        }
        let level = f.oneOf("level", Self.levels, default: "basic") ?? "basic"
        let duration = f.int("duration", required: true, example: "15", range: 1...600)
        let needs = f.strings("needs", example: "[\"Điện thoại có Internet\"]") ?? []
        let updated = f.date("updated", required: true)
        guard let duration, let updated else { return nil }
        return Page.Guide(topics: pool.list(topics), audience: pool.list(audience), level: level, duration: duration, needs: pool.list(needs),
                          updated: updated, featured: f.bool("featured"))
    }

    private func story(_ f: YAMLFields) -> Page.Story? {
        let model = f.string("model", required: true, example: "cong-dan-so-co-so")
        if let model { _ = checkReference(f, "model", model, known: reference.models.map(\.id), file: "content/data/models.yml") }
        let locality = f.string("locality", required: true, example: "hoa-lu")
        if let locality { _ = checkReference(f, "locality", locality, known: reference.localities.map(\.id), file: "content/data/localities.yml") }
        let date = f.date("date", required: true)
        let author = f.string("author") ?? ""
        var image: Page.Image?
        if let img = f.mapping("image", example: "{src: /images/anh.svg, alt: \"Mô tả ảnh\"}") {
            img.rejectUnknownKeys(["src", "alt"], kind: "image")
            let src = img.string("src", required: true, example: "/images/anh.svg")
            let alt = img.string("alt")
            if alt == nil || alt!.isEmpty {
                diagnostics.error(img.ownerLocation, "the image has no alt text",
                                  hint: "add `alt: \"…\"` describing what the image shows, for readers who cannot see it.")
            }
            if let src, let alt, !alt.isEmpty {
                // Front matter image paths are site paths (`/images/x.png`); a relative one is taken from the site root.
                switch ImageSource.resolve(src, on: "/") {
                case .success(let url): image = Page.Image(src: url, alt: alt, location: img.location(img["src"]))
                case .failure(let problem): diagnostics.error(img.location(img["src"]), problem.message, hint: problem.hint)
                }
            }
        }
        guard let model, let locality, let date else { return nil }
        return Page.Story(model: pool.string(model), locality: pool.string(locality), date: date, author: pool.string(author), image: image)
    }

    private func event(_ f: YAMLFields) -> Page.Event? {
        var timing: Page.Event.Timing?
        let allDay = f.bool("all_day")
        let hasDate = f["date"] != nil, hasTimes = f["start"] != nil || f["end"] != nil
        if hasDate && hasTimes {
            diagnostics.error(f.keyLocation("date"), "an event has either a `date` (all day) or `start` and `end` times, not both",
                              hint: "for an all-day event keep `date` and `all_day: true`; for one with times keep `start` and `end` and remove `date`.")
        } else if f["all_day"] != nil && !allDay && !hasTimes {
            diagnostics.error(f.location(f["all_day"]), "the event says `all_day: false` but has no `start` and `end` times",
                              hint: "add `start:` and `end:` (like `start: 2026-11-29T08:00`), or write `all_day: true` with a `date`.")
        } else if allDay || hasDate {
            if let d = f.date("date", required: true) { timing = .allDay(d) }
            if f["start"] != nil || f["end"] != nil {
                diagnostics.error(f.keyLocation(f["start"] != nil ? "start" : "end"),
                                  "an all-day event has a `date`, not `start`/`end`",
                                  hint: "remove `all_day: true` and `date`, or remove `start` and `end`.")
            }
        } else {
            let start = f.dateTime("start", required: true)
            let end = f.dateTime("end", required: true)
            if let start, let end {
                if end < start {
                    diagnostics.error(f.location(f["end"]), "the event ends (\(end.inVietnam.date.iso) \(end.inVietnam.hhmm)) before it starts (\(start.inVietnam.date.iso) \(start.inVietnam.hhmm))",
                                      hint: "check `start` and `end`; times without an offset are Vietnam time (UTC+7).")
                } else {
                    timing = .timed(start: start, end: end)
                }
            }
        }
        var name = "", address = ""
        if let loc = f.mapping("location", required: true, example: "{name: \"Nhà văn hoá\", address: \"…\"}") {
            loc.rejectUnknownKeys(["name", "address"], kind: "location")
            name = loc.string("name", required: true) ?? ""
            address = loc.string("address") ?? ""
        }
        let locality = f.string("locality", required: true, example: "hoa-lu")
        if let locality { _ = checkReference(f, "locality", locality, known: reference.localities.map(\.id), file: "content/data/localities.yml") }
        let status = f.oneOf("status", Page.Event.Status.allCases.map(\.rawValue), default: "scheduled").flatMap(Page.Event.Status.init) ?? .scheduled
        guard let timing, let locality else { return nil }
        return Page.Event(timing: timing, locationName: pool.string(name), address: pool.string(address), locality: pool.string(locality),
                          organizer: pool.string(f.string("organizer") ?? ""), contact: pool.string(f.string("contact") ?? ""), status: status,
                          registration: pool.string(registration(f)))
    }

    /// `registration`: how to sign up — plain words, or an address. An address must be one a
    /// resident may safely open (`URLSafety`); anything else is an error at its line.
    private func registration(_ f: YAMLFields) -> String? {
        guard let value = f.string("registration") else { return nil }
        let looksLikeAddress = value.contains(":") || value.hasPrefix("/") || value.hasPrefix("\\")
            || value.lowercased().hasPrefix("www.")
        guard looksLikeAddress, !value.contains(" ") || value.lowercased().contains("script") else { return value }
        switch URLSafety.check(value) {
        case .unsafe(let reason):
            diagnostics.error(f.location(f["registration"]), "the registration address `\(OutputPath.shown(value))` is refused: \(reason)",
                              hint: "write an https:// address, a phone number (tel:…), an email (mailto:…), or plain words such as \"Gọi tổ công nghệ số\".")
            return nil
        case .external(let url), .safe(let url):
            return url
        }
    }
}
