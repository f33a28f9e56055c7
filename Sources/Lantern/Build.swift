import Foundation
import Markdown

/// What to build and how.
public struct BuildOptions: Sendable {
    public var includeDrafts = false
    /// The build date (`--now`); splits upcoming from past events. Nothing else reads the clock.
    public var today: LocalDate
    /// Serve mode: a live-reload script is added to pages (never in published output).
    public var liveReloadScript: String?

    public init(includeDrafts: Bool = false, today: LocalDate, liveReloadScript: String? = nil) {
        self.includeDrafts = includeDrafts
        self.today = today
        self.liveReloadScript = liveReloadScript
    }
}

/// One page's weight: its HTML plus the stylesheet it links, both gzip-compressed.
public struct PageWeight: Sendable, Equatable {
    public var path: String
    public var bytes: Int
}

/// The result of loading and rendering a site: files to publish, and everything found wrong.
public struct BuildResult: Sendable {
    public var tree: OutputTree
    public var site: Site?
    public var weights: [PageWeight]
    /// Stage name → seconds, in order.
    public var timings: [(String, Double)]
}

/// Load → render → write, as named, timed stages shared by `build`, `check` and `serve`.
public struct Builder: Sendable {
    public let fs: FileSystem
    public let options: BuildOptions
    public let diagnostics: Diagnostics

    public init(fs: FileSystem, options: BuildOptions, diagnostics: Diagnostics = Diagnostics()) {
        self.fs = fs
        self.options = options
        self.diagnostics = diagnostics
    }

    private func timed<T>(_ name: String, _ timings: inout [(String, Double)], _ work: () -> T) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = work()
        timings.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        return result
    }

    /// Stage 1: read and validate everything under content/ and templates/.
    public func load() -> Site? {
        guard fs.exists("content") else {
            diagnostics.error(.file("content"), "there is no content/ folder here",
                              hint: "run lantern in the site folder, or pass --source with the folder that holds content/ and templates/.")
            return nil
        }
        let data = DataLoader(fs: fs, diagnostics: diagnostics)
        let config = data.siteConfig()
        let reference = data.referenceData()
        let snapshots = data.snapshots(reference: reference)
        let content = ContentLoader(fs: fs, reference: reference, diagnostics: diagnostics).load(includeDrafts: options.includeDrafts)
        let templates = TemplateSet.load(fs: fs, diagnostics: diagnostics)
        let strings = InterfaceStrings.load(fs: fs, languages: config.languages, diagnostics: diagnostics)
        var site = Site(config: config, reference: reference,
                        pages: content.pages.filter { config.languages.contains($0.language) },
                        snapshots: snapshots, contentAssets: content.assets, templates: templates, strings: strings,
                        today: options.today)
        site.indexTranslations()
        checkTranslations(site)
        return site
    }

    /// Stage 2: Markdown to HTML for every page, on all cores.
    public func renderMarkdown(_ site: inout Site) {
        let markdownOptions = MarkdownOptions(allowRawHTML: site.config.allowHTML)
        let pages = site.pages
        let slots = ResultSlots<RenderedMarkdown>(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            slots.set(i, MarkdownRenderer.render(pages[i].body, options: markdownOptions))
        }
        for (i, rendered) in slots.values.enumerated() {
            site.pages[i].rendered = rendered
            guard let rendered else { continue }
            let page = site.pages[i]
            for position in rendered.escapedRawHTML {
                diagnostics.warning(SourceLocation(path: page.sourcePath, line: page.bodyLine + position.line - 1, column: position.column),
                                    "raw HTML is shown as text on the page",
                                    hint: "write it in Markdown instead, or set `allow_html: true` in content/site.yml if this content is trusted.")
            }
        }
        site.indexTranslations()
    }

    /// Stages 1–4 without writing anything: the output tree is returned.
    public func run() -> BuildResult {
        var timings: [(String, Double)] = []
        guard var site = timed("load", &timings, { load() }) else {
            return BuildResult(tree: OutputTree(), site: nil, weights: [], timings: timings)
        }
        timed("markdown", &timings) { renderMarkdown(&site) }
        var tree = OutputTree()
        let assets = timed("assets", &timings) { Assets.copy(site: site, fs: fs, into: &tree, diagnostics: diagnostics) }
        timed("templates", &timings) {
            SiteRenderer(site: site, assets: assets, diagnostics: diagnostics).render(into: &tree)
            Discovery.write(site: site, into: &tree, diagnostics: diagnostics)
        }
        if let script = options.liveReloadScript { injectLiveReload(script, into: &tree) }
        let weights = timed("budget", &timings) { measure(tree, site: site, stylesheet: assets.stylesheet) }
        if site.config.precompress && options.liveReloadScript == nil {
            timed("compress", &timings) { Compression.precompress(&tree, brotliQuality: site.config.brotliQuality, diagnostics: diagnostics) }
        }
        return BuildResult(tree: tree, site: site, weights: weights, timings: timings)
    }

    /// Every page's gzip weight (HTML + stylesheet); pages over the budget get a warning.
    func measure(_ tree: OutputTree, site: Site, stylesheet: String) -> [PageWeight] {
        let css = tree.files[String(stylesheet.dropFirst())].map { Compression.gzip($0).count } ?? 0
        let paths = tree.files.keys.filter { $0.hasSuffix(".html") }.sorted()
        let slots = ResultSlots<Int>(count: paths.count)
        let files = tree.files
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            slots.set(i, Compression.gzip(files[paths[i]]!, level: 6).count + css)
        }
        let weights = zip(paths, slots.values).map { PageWeight(path: $0, bytes: $1 ?? 0) }
        let budget = site.config.pageBudgetBytes
        for w in weights where w.bytes > budget {
            let owner = tree.owner(of: w.path) ?? .file("content/site.yml")
            diagnostics.warning(owner, "the page /\(w.path) weighs \(w.bytes / 1024) KB compressed, over the \(budget / 1024) KB budget",
                                hint: "split the page, shorten it, or remove large images; the budget is `page_budget_kb` in content/site.yml.")
        }
        return weights.sorted { ($0.bytes, $1.path) > ($1.bytes, $0.path) }
    }

    private func injectLiveReload(_ script: String, into tree: inout OutputTree) {
        for path in tree.files.keys where path.hasSuffix(".html") {
            guard let html = String(data: tree.files[path]!, encoding: .utf8) else { continue }
            tree.replace(path, Data(html.replacingOccurrences(of: "</body>", with: script + "</body>").utf8))
        }
    }

    private func checkTranslations(_ site: Site) {
        var seen: [Site.TranslationKey: String] = [:]
        for page in site.pages {
            let key = Site.TranslationKey(key: page.translationKey, language: page.language)
            if let other = seen[key] {
                diagnostics.error(.file(page.sourcePath), "two \(page.language.rawValue) pages share the translation key `\(page.translationKey)`: \(other) and \(page.sourcePath)",
                                  hint: "each language can have one page per translation key; change `translation_key` in one of them.")
            }
            seen[key] = page.sourcePath
            if page.language != .default && site.translation(of: page, in: .default) == nil && page.kind != .page && page.kind != .home {
                diagnostics.warning(.file(page.sourcePath), "this translation has no Vietnamese page",
                                    hint: "add the Vietnamese original beside it, or give both the same `translation_key`.")
            }
        }
    }
}
