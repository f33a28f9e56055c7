import Foundation
import Yams

/// `content/site.yml`: every setting checked, with positions; nothing falls back to a default
/// silently when it was written wrong (an empty file once built a site titled "Lantern").
extension DataLoader {
    func siteConfig(_ path: String = "content/site.yml") -> SiteConfig {
        var menuLabels: [(String, SourceLocation)] = []
        let config = readSiteConfig(path, menuLabels: &menuLabels)
        checkInterfaceStrings(config.languages, menuLabels: menuLabels)
        return config
    }

    private func readSiteConfig(_ path: String, menuLabels: inout [(String, SourceLocation)]) -> SiteConfig {
        var config = SiteConfig()
        guard fs.exists(path) else {
            diagnostics.error(.file(path), "the site settings file is missing",
                              hint: "create \(path) with at least `title:` and `base_url:`.")
            return config
        }
        config.sourceText = (try? fs.read(path, limit: SourceFiles.maxTextBytes)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let empty = YAMLLoader.Empty(message: "the site settings file is empty",
                                     hint: "write at least `title: \"…\"` and `base_url: https://…/` in it.")
        guard let node = root(path, empty: empty), let f = fields(node, path: path, what: "site.yml") else { return config }
        f.rejectUnknownKeys(["title", "title_en", "description", "description_en", "base_url", "languages", "page_size",
                             "page_budget_kb", "allow_html", "precompress", "brotli_quality", "stale_guide_days", "menu",
                             "image_quality", "image_budget_kb", "image_cache", "share_cards", "image_avif", "headers_file"], kind: "site.yml")
        if let t = f.string("title", required: true, example: "\"Bình dân học vụ số\"") { config.title[.vi] = t }
        if let t = f.string("title_en") { config.title[.en] = t }
        if let d = f.string("description") { config.description[.vi] = d }
        if let d = f.string("description_en") { config.description[.en] = d }
        if let url = f.string("base_url", required: true, example: "https://example.org/") {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                config.baseURL = url.hasSuffix("/") ? url : url + "/"
            } else {
                diagnostics.error(f.location(f["base_url"]), "`base_url` must be an absolute address starting with https://",
                                  hint: "write it like `base_url: https://binhdanhocvuso.example.vn/`.")
            }
        }
        if let languages = languages(f) { config.languages = languages }
        if let n = f.int("page_size", range: 1...1000) { config.pageSize = n }
        if let kb = f.int("page_budget_kb", range: 1...10_000) { config.pageBudgetBytes = kb * 1024 }
        config.allowHTML = f.bool("allow_html")
        config.precompress = f.bool("precompress", default: true)
        config.headersFile = f.bool("headers_file")
        if let q = f.int("brotli_quality", range: 0...11) { config.brotliQuality = q }
        if let days = f.int("stale_guide_days", range: 1...10_000) { config.staleGuideDays = days }
        if let q = f.int("image_quality", range: 1...100) { config.imageQuality = q }
        if let kb = f.int("image_budget_kb", range: 1...100_000) { config.imageBudgetBytes = kb * 1024 }
        config.imageAVIF = f.bool("image_avif", default: true)
        if let mode = f.oneOf("share_cards", ShareCardMode.allCases.map(\.rawValue)).flatMap(ShareCardMode.init) { config.shareCards = mode }
        if let folder = f.string("image_cache", example: ".cache/images") {
            let first = folder.split(separator: "/").first.map(String.init)
            if folder.isEmpty || folder.hasPrefix("/") || folder.split(separator: "/").contains("..") || first == "content" || first == "templates" {
                diagnostics.error(f.location(f["image_cache"]), "`image_cache` must be a folder inside the site folder, outside content/ and templates/",
                                  hint: "write a relative path such as `image_cache: .cache/images`.")
            } else {
                config.imageCache = folder
            }
        }
        if let menuNode = f["menu"] {
            (config.menu, menuLabels) = menu(menuNode, f: f, path: path)
        }
        return config
    }

    /// `languages:`: known codes, each once, Vietnamese among them (it is the site's root).
    private func languages(_ f: YAMLFields) -> [Language]? {
        guard let node = f["languages"] else { return nil }
        guard f.strings("languages", example: "[vi, en]") != nil else { return nil }
        let items = node.sequence.map(Array.init) ?? [node]
        var parsed: [Language] = []
        for item in items {
            guard let code = item.scalar?.string else { continue }
            guard let language = Language(rawValue: code) else {
                diagnostics.error(f.location(item), "unknown language `\(URLParts.shown(code))`", hint: "Lantern supports: vi, en.")
                continue
            }
            guard !parsed.contains(language) else {
                diagnostics.error(f.location(item), "the language `\(code)` is listed twice", hint: "list each language once, like `languages: [vi, en]`.")
                continue
            }
            parsed.append(language)
        }
        guard parsed.contains(.vi) else {
            let what = items.isEmpty ? "`languages` is empty" : "`languages` does not include `vi`"
            diagnostics.error(f.location(node), "\(what); Vietnamese is the site's main language",
                              hint: "write `languages: [vi]`, or `languages: [vi, en]` for an English version too.")
            return nil
        }
        return parsed
    }

    /// `menu:`: a list of `{label, target}`; the target is a section or a site path. Returns the
    /// items and where each label is written (checked against the interface strings).
    private func menu(_ node: Node, f: YAMLFields, path: String) -> ([SiteConfig.MenuItem], [(String, SourceLocation)]) {
        let example = "{label: nav_guides, target: guides}"
        guard let seq = node.sequence else {
            diagnostics.error(f.location(node), "`menu` must be a list of `{label, target}` items",
                              hint: "write each item like `- \(example)`.")
            return ([], [])
        }
        var items: [SiteConfig.MenuItem] = []
        var labels: [(String, SourceLocation)] = []
        for item in seq {
            guard let m = item.mapping else {
                diagnostics.error(f.location(item), "a menu item must be a `{label, target}` pair, not `\(URLParts.shown(item.scalar?.string ?? "a list"))`",
                                  hint: "write it like `- \(example)`; the label is a key of templates/strings/vi.yml.")
                continue
            }
            let mf = YAMLFields(m, path: path, lineOffset: 0, diagnostics: diagnostics, owner: f.location(item))
            mf.rejectUnknownKeys(["label", "target"], kind: "menu item")
            guard let key = mf.string("label", required: true, example: "nav_guides"),
                  let target = mf.string("target", required: true, example: "guides") else { continue }
            guard let checked = menuTarget(target, at: mf.location(mf["target"])) else { continue }
            items.append(.init(key: key, target: checked))
            labels.append((key, mf.location(mf["label"])))
        }
        return (items, labels)
    }

    /// A section name (`guides`) or a path of this site (`/gioi-thieu/`); anything else — another
    /// site, `javascript:` — is refused, as the menu is on every page.
    private func menuTarget(_ target: String, at location: SourceLocation) -> String? {
        let sections = Section.allCases.map(\.rawValue)
        if sections.contains(target) { return target }
        guard target.hasPrefix("/") else {
            let guess = Suggest.closest(to: target, in: sections).map { "did you mean `\($0)`? " } ?? ""
            diagnostics.error(location, "the menu target `\(URLParts.shown(target))` is neither a section nor a path of this site",
                              hint: "\(guess)Use a section (\(sections.joined(separator: ", "))) or a path such as `/gioi-thieu/`.")
            return nil
        }
        switch URLParts.sitePath(target) {
        case .success(let path): return path
        case .failure(let problem):
            diagnostics.error(location, "the menu target `\(URLParts.shown(target))` is not a clean site path: \(problem.reason)",
                              hint: "use a path of this site such as `/gioi-thieu/`, or a section such as `guides`.")
            return nil
        }
    }

    /// Reads the interface-string files of the site's languages as a source file (links out of the
    /// site, FIFOs and oversized files are refused here with a reason, since the renderer only
    /// notices that nothing could be read), and checks that every menu label is one of the keys.
    private func checkInterfaceStrings(_ languages: [Language], menuLabels: [(String, SourceLocation)]) {
        for language in languages {
            let path = "templates/strings/\(language.rawValue).yml"
            guard fs.exists(path), let node = root(path) else { continue }
            guard language == .default, let mapping = node.mapping else { continue }
            let keys = mapping.compactMap { $0.key.scalar?.string }
            for (label, location) in menuLabels where !keys.contains(label) {
                let guess = Suggest.closest(to: label, in: keys).map { "did you mean `\($0)`? " } ?? ""
                diagnostics.error(location, "the menu label `\(URLParts.shown(label))` is not an interface string",
                                  hint: "\(guess)Labels are keys of \(path); add `\(label): \"…\"` there, or fix the name.")
            }
        }
    }
}
