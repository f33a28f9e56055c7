import Foundation
import Markdown

/// What to build and how.
public struct BuildOptions: Sendable {
    public var includeDrafts = false
    /// The build date (`--now`); splits upcoming from past events. Nothing else reads the clock.
    public var today: LocalDate
    /// Serve mode: a live-reload script is added to pages (never in published output).
    public var liveReloadScript: String?
    /// Where processed images are kept between builds; nil: `image_cache` of site.yml inside the
    /// site folder on disk (a site in memory then has no cache).
    public var imageCacheFolder: URL?

    public init(includeDrafts: Bool = false, today: LocalDate, liveReloadScript: String? = nil, imageCacheFolder: URL? = nil) {
        self.includeDrafts = includeDrafts
        self.today = today
        self.liveReloadScript = liveReloadScript
        self.imageCacheFolder = imageCacheFolder
    }
}

/// One page's weight: its HTML plus the stylesheet it links, both gzip-compressed.
public struct PageWeight: Sendable, Equatable {
    public var path: String
    public var bytes: Int
}

/// The result of loading and rendering a site: where the files went, and everything found wrong.
public struct BuildResult: Sendable {
    public var tree: OutputTree
    /// The loaded site (nil when loading failed).
    public var site: Site?
    /// The pages over the weight budget and the heaviest few (`PageBudget.kept`), heaviest first.
    public var weights: [PageWeight]
    /// Stage name → seconds, in order.
    public var timings: [(String, Double)]
    /// With `keepFacts`: the links and ids of every rendered page (for `lantern check`).
    var links: LinkCollector? = nil
    /// With `keepFacts`: what each page's Markdown body held (headings, links), by source path.
    public var bodies: [String: RenderedMarkdown] = [:]
    /// How many source images this build encoded (the others came from the image cache).
    public var imagesEncoded = 0
    /// How many share cards this build drew or cropped (the others came from the cache).
    public var cardsEncoded = 0
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
        checkStoryImages(site)
        return site
    }

    /// A story's photo must be a file of the site (its path was checked when the page was read).
    private func checkStoryImages(_ site: Site) {
        let assets = ImageSource.urls(ofAssets: site.contentAssets)
        for page in site.pages {
            guard let image = page.story?.image, let problem = ImageSource.missing(image.src, written: image.src, assets: assets) else { continue }
            diagnostics.error(image.location, problem.message, hint: problem.hint)
        }
    }

    /// Whether a change to these files can be applied by `reload` (Markdown pages only); anything
    /// else — templates, data, site.yml, images — needs a full `load`.
    public static func isPageOnlyChange(_ paths: [String]) -> Bool {
        !paths.isEmpty && paths.allSatisfy { $0.hasPrefix("content/") && $0.hasSuffix(".md") }
    }

    /// Stage 1 again, for Markdown files that changed, appeared or disappeared: only they are read;
    /// the rest of `previous` (a site that loaded without errors) is kept.
    public func reload(_ previous: Site, changed paths: [String]) -> Site? {
        let loader = ContentLoader(fs: fs, reference: previous.reference, diagnostics: diagnostics)
        // Each changed file read once (nil: deleted, not a page, or not loadable, with its errors reported).
        let loaded: [(path: String, page: Page?)] = paths.sorted().map { path in
            (path, fs.exists(path) ? loader.page(path) : nil)
        }
        let kept = { (page: Page) in (self.options.includeDrafts || !page.draft) && previous.config.languages.contains(page.language) }
        var site = previous
        // The usual save (a title, a date, a body) changes nothing the lookup tables are keyed on:
        // each page is swapped for its new version where it is, instead of sorting every page and
        // making every table again (most of a reload's 30-40 ms on 10 000 pages).
        if loaded.allSatisfy({ item in item.page.map { kept($0) && site.replace(with: $0) } == true }) {
            // No translation key changed, so none is shared now; translations without a
            // Vietnamese page are warned about again, as a full reload does.
            for page in site.pages where page.language != .default {
                warnIfUntranslated(page, in: site)
            }
            return diagnostics.errorCount > 0 ? nil : site
        }
        site = previous
        let changed = Set(paths)
        site.pages.removeAll { changed.contains($0.sourcePath) }
        for item in loaded { if let page = item.page, kept(page) { site.pages.append(page) } }
        // Keep the order a full load gives (by path), so lists do not shift after an edit.
        site.pages.sort { $0.sourcePath < $1.sourcePath }
        site.indexTranslations()
        checkTranslations(site)
        return diagnostics.errorCount > 0 ? nil : site
    }

    /// Whether every changed path is a page of `site` whose plan key is unchanged: only bodies
    /// changed, so a plan made from `site` still holds (every URL, list and link is the same).
    public func onlyBodiesChanged(in site: Site, paths: [String]) -> Bool {
        guard Self.isPageOnlyChange(paths) else { return false }
        return paths.allSatisfy { path in
            guard let at = Site.position(of: path, in: site.pages), case let page = site.pages[at], fs.exists(path) else { return false }
            return PageDecoder.planKey(path: path, fs: fs) == page.planKey
        }
    }

    /// Plans a loaded site without rendering: pages are made one at a time, on request (serve).
    /// - Parameter previous: the plan this one replaces (after an edit). Its claims are replayed
    ///   while the new plan makes the same ones, which an edit that changes no URL (a title, a
    ///   date, a list's order) does; the outcome is the same as planning afresh.
    public func prepare(_ site: Site, after previous: PreparedSite? = nil) -> PreparedSite {
        let tree = OutputTree(recordingClaims: previous?.tree)
        let renderer = renderer(for: site, into: tree, keepFacts: false, images: images(for: site))
        let routes = renderer.plan(into: tree)
        tree.endReplay()
        return PreparedSite(site: site, tree: tree, renderer: renderer, routes: routes, deferred: renderer.deferred,
                            liveReloadScript: options.liveReloadScript, previous: previous)
    }

    /// Loads the site, then renders every page (Markdown and templates together, on all cores)
    /// straight into `sink`: nothing is written when loading already failed, and only a few pages
    /// are in memory at a time.
    /// - Parameters:
    ///   - keepFacts: keep each page's headings and links on `result.site` (for `check` and `serve`).
    ///   - exactWeights: measure every page's gzip weight exactly (for `--verbose`); otherwise a
    ///     fast estimate is refined only for pages near the budget.
    public func run(into sink: OutputSink = MemorySink(), keepFacts: Bool = false, exactWeights: Bool = false) -> BuildResult {
        var timings: [(String, Double)] = []
        guard let site = timed("load", &timings, { load() }) else {
            return BuildResult(tree: OutputTree(), site: nil, weights: [], timings: timings)
        }
        let loadedCleanly = diagnostics.errorCount == 0
        FreedMemory.giveBack()
        let precompress = site.config.precompress && options.liveReloadScript == nil
        let tree = OutputTree(sink: diagnostics.errorCount > 0 ? DiscardSink() : sink,
                              compression: precompress ? Compression.Settings(brotliQuality: site.config.brotliQuality) : nil)
        let images = timed("images", &timings) { self.images(for: site) }
        let cards = timed("cards", &timings) { self.shareCards(for: site) }
        let renderer: SiteRenderer = timed("assets", &timings) {
            self.renderer(for: site, into: tree, keepFacts: keepFacts, images: images, cards: cards)
        }
        let budget = PageBudget(limit: site.config.pageBudgetBytes, stylesheetBytes: renderer.assets.stylesheetGzipBytes, exact: exactWeights)
        let links = keepFacts ? LinkCollector(baseURL: site.config.baseURL) : nil
        timed("render", &timings) {
            renderer.render(into: tree, liveReloadScript: options.liveReloadScript) { page in
                budget.measure(page)
                links?.collect(page: page.path, html: page.html)
            }
        }
        let weights = budget.report(tree: tree, diagnostics: diagnostics)
        images.reportBudget(tree: tree, diagnostics: diagnostics)
        images.reportUnusedProblems(diagnostics)
        // Only `check` (and `serve`) keep facts: a build with --strict must not fail over a large source.
        if keepFacts { images.reportHugeSources(diagnostics) }
        // After a load error, lookups can miss because of it (a misspelt menu label): only a clean
        // load's misses are the site's own.
        if loadedCleanly { site.strings.reportMisses(diagnostics) }
        return BuildResult(tree: tree, site: site, weights: weights, timings: timings, links: links,
                           bodies: keepFacts ? renderer.bodies.collected : [:], imagesEncoded: images.encodedCount,
                           cardsEncoded: cards.encodedCount)
    }

    /// Copies the theme's assets into `tree` and makes the renderer that plans and produces the rest.
    private func renderer(for site: Site, into tree: OutputTree, keepFacts: Bool, images: SiteImages,
                          cards: ShareCards = ShareCards()) -> SiteRenderer {
        let bodies = PageBodies(fs: fs, options: MarkdownOptions(allowRawHTML: site.config.allowHTML),
                                diagnostics: diagnostics, keepFacts: keepFacts,
                                assets: ImageSource.urls(ofAssets: site.contentAssets), images: images)
        var assets = Assets.copy(site: site, fs: fs, into: tree, diagnostics: diagnostics, images: images)
        images.write(into: tree, diagnostics: diagnostics)
        cards.write(into: tree, diagnostics: diagnostics)
        if site.config.shareCards != .off && options.liveReloadScript == nil { assets.shareCards = cards }
        return SiteRenderer(site: site, assets: assets, bodies: bodies, diagnostics: diagnostics, images: images,
                            preview: options.liveReloadScript != nil)
    }

    /// The cache never lands in the sources unasked: the site's own folder only when site.yml names
    /// one (`image_cache`), else the user's cache folder, as other build tools do.
    private func imageCacheFolder(_ site: Site) -> URL? {
        var folder = options.imageCacheFolder
        if folder == nil, let disk = fs as? DiskFileSystem {
            if let relative = site.config.imageCache {
                folder = URL(fileURLWithPath: disk.root).appendingPathComponent(relative)
            } else {
                folder = Self.userCacheFolder()?.appendingPathComponent("lantern/images")
            }
        }
        return folder
    }

    /// `$XDG_CACHE_HOME`, else `~/.cache`; nil when neither can be found (then nothing is cached).
    static func userCacheFolder() -> URL? {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return URL(fileURLWithPath: xdg) }
        if let home = env["HOME"], home.hasPrefix("/") { return URL(fileURLWithPath: home).appendingPathComponent(".cache") }
        return nil
    }

    /// The share cards `share_cards` asks for; `serve` makes none (no one shares a local preview).
    private func shareCards(for site: Site) -> ShareCards {
        guard options.liveReloadScript == nil, site.config.shareCards != .off else { return ShareCards() }
        let fonts = CardFonts.find()
        if fonts == nil {
            diagnostics.warning(.file("content/site.yml"), "the Noto Sans font is not installed, so share cards are drawn with the system's default font, whose Vietnamese marks may be wrong",
                                hint: "install it (Debian: `apt-get install fonts-noto-core`), or set `share_cards: off` in content/site.yml.")
        }
        return ShareCards.make(site: site, fs: fs, cache: imageCacheFolder(site).map(ImageCache.init), mode: site.config.shareCards,
                               fonts: fonts ?? CardFonts.system, diagnostics: diagnostics)
    }

    /// Processes the site's photos (or takes them from the cache); a story photo that cannot be
    /// used is reported at its `image:` line.
    private func images(for site: Site) -> SiteImages {
        // `serve` skips AVIF, the slowest encoder: the preview only has to look right.
        let settings = ImageSettings(quality: site.config.imageQuality, avif: site.config.imageAVIF && options.liveReloadScript == nil)
        let images = SiteImages.process(site: site, fs: fs, cache: imageCacheFolder(site).map(ImageCache.init), settings: settings,
                                        budgetBytes: site.config.imageBudgetBytes)
        for page in site.pages {
            guard let image = page.story?.image, let problem = images.problem(at: image.src) else { continue }
            diagnostics.error(image.location, "\(image.src): \(problem.message)", hint: problem.hint)
        }
        return images
    }

    private func checkTranslations(_ site: Site) {
        // The index holds the first page of each key and language (a table of them here was a
        // second one of every page, at the peak of loading).
        for (position, page) in site.pages.enumerated() {
            if let first = site.translations.position(page.translationKey, page.language, in: site.pages), first != position {
                diagnostics.error(.file(page.sourcePath), "two \(page.language.rawValue) pages share the translation key `\(page.translationKey)`: \(site.pages[first].sourcePath) and \(page.sourcePath)",
                                  hint: "each language can have one page per translation key; change `translation_key` in one of them.")
            }
            warnIfUntranslated(page, in: site)
        }
    }

    private func warnIfUntranslated(_ page: Page, in site: Site) {
        if page.language != .default && site.translation(of: page, in: .default) == nil && page.kind != .page && page.kind != .home {
            diagnostics.warning(.file(page.sourcePath), "this translation has no Vietnamese page",
                                hint: "add the Vietnamese original beside it, or give both the same `translation_key`.")
        }
    }
}
