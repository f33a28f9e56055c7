import Foundation

/// Every raster image under `content/`, processed before pages are rendered (their sizes go into
/// the markup) on all cores, then written as variants: `/images/a.jpg` becomes `/images/a.360.webp`,
/// `/images/a.360.jpg` … and, so old links keep working, `/images/a.jpg` itself holds the widest
/// fallback — stripped like every other output. The original file is never published as it is.
final class SiteImages: @unchecked Sendable {
    let settings: ImageSettings
    /// Bytes of images a 360 px phone at DPR 2 may download for one page (`image_budget_kb`).
    let budgetBytes: Int
    /// Processed images by site URL (`/images/a.jpg`).
    let images: [String: ProcessedImage]
    /// Sources that could not be processed, by site URL, with their `content/` path.
    let problems: [String: (path: String, problem: ImageProblem)]
    /// How many sources were encoded by this build (the rest came from the cache).
    let encodedCount: Int
    /// Sources far larger than any output needs, by `content/` path: (bytes, megapixels).
    var hugeSources: [String: (bytes: Int, megapixels: Int)] = [:]

    private let lock = NSLock()
    private var usage: [String: [String]] = [:]
    private var reported: Set<String> = []

    init(settings: ImageSettings = ImageSettings(), budgetBytes: Int = 100 * 1024, images: [String: ProcessedImage] = [:],
         problems: [String: (path: String, problem: ImageProblem)] = [:], encodedCount: Int = 0) {
        self.settings = settings
        self.budgetBytes = budgetBytes
        self.images = images
        self.problems = problems
        self.encodedCount = encodedCount
    }

    /// Processes every raster asset of `site` (from `cache` when it has them).
    static func process(site: Site, fs: FileSystem, cache: ImageCache?, settings: ImageSettings, budgetBytes: Int) -> SiteImages {
        let paths = site.contentAssets.filter(ImageProcessor.isProcessed)
        let results = ResultBox(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let path = paths[i]
            guard let data = try? fs.read(path) else {
                results.set(i, .failure(ImageProblem(message: "the image cannot be read, so it cannot be published",
                                                     hint: "check that the file exists and that its permissions let you read it.")), encoded: false)
                return
            }
            // A huge source is warned about: its size comes from the cache when the photo does (a
            // build whose photos are all cached loads no libvips), else from its header.
            func checkSize(_ pixels: Int?) {
                guard let pixels = pixels ?? (try? Vips.header(data)).map({ $0.width * $0.height }) else { return }
                if pixels > ImageSettings.hugePixels || data.count > ImageSettings.hugeBytes {
                    results.setHuge(path, bytes: data.count, megapixels: pixels / 1_000_000)
                }
            }
            let key = ImageCache.key(data, settings: settings)
            if let cached = cache?.load(key) {
                checkSize(cached.sourcePixels)
                results.set(i, .success(cached), encoded: false)
                return
            }
            checkSize(nil)
            let result = ImageProcessor.process(data, path: path, settings: settings)
            if case .success(let image) = result { cache?.store(image, key: key) }
            results.set(i, result, encoded: true)
        }
        var images: [String: ProcessedImage] = [:]
        var problems: [String: (path: String, problem: ImageProblem)] = [:]
        for (i, path) in paths.enumerated() {
            let url = "/" + path.dropFirst("content/".count)
            switch results.results[i] {
            case .success(let image): images[url] = image
            case .failure(let problem): problems[url] = (path, problem)
            case nil: break
            }
        }
        let processed = SiteImages(settings: settings, budgetBytes: budgetBytes, images: images, problems: problems, encodedCount: results.encoded)
        processed.hugeSources = results.huge
        return processed
    }

    /// Whether the content file is handled here rather than copied as it is.
    func handles(_ contentPath: String) -> Bool { ImageProcessor.isProcessed(contentPath) }

    /// `/images/a.jpg`, 720, webp → `/images/a.720.webp`.
    static func variantURL(_ url: String, width: Int, format: Vips.Format) -> String {
        "\((url as NSString).deletingPathExtension).\(width).\(format.fileExtension)"
    }

    /// Writes every variant into `tree`, and the widest fallback at the source's own address.
    func write(into tree: OutputTree, diagnostics: Diagnostics) {
        for url in images.keys.sorted() {
            let image = images[url]!
            let owner = SourceLocation.file("content" + url)
            for v in image.variants {
                tree.add(String(Self.variantURL(url, width: v.width, format: v.format).dropFirst()), v.data, owner: owner, diagnostics: diagnostics)
            }
            // A browser cannot show HEIC: the source's own address gets nothing.
            if ImageProcessor.isHEIF(url) { continue }
            let ext = (url as NSString).pathExtension.lowercased()
            let format: Vips.Format = ext == "png" ? .png : ext == "webp" ? .webp : .jpeg
            if let widest = image.variants(format).last ?? image.variants(image.fallback).last {
                tree.add(String(url.dropFirst()), widest.data, owner: owner, diagnostics: diagnostics)
            }
        }
    }

    /// Records that the page at `pagePath` shows `urls` (for the budget).
    func recordUsage(page pagePath: String, urls: [String]) {
        guard !urls.isEmpty else { return }
        lock.withLock { usage[pagePath] = urls }
    }

    /// The problem with the image at `url`, marked as reported at a use site.
    func problem(at url: String) -> ImageProblem? {
        guard let found = problems[url] else { return nil }
        lock.withLock { _ = reported.insert(url) }
        return found.problem
    }

    /// Warnings (for `lantern check`) about sources much larger than the site ever publishes.
    func reportHugeSources(_ diagnostics: Diagnostics) {
        for path in hugeSources.keys.sorted() {
            let (bytes, megapixels) = hugeSources[path]!
            diagnostics.warning(.file(path), "the image is needlessly large (\(bytes / 1_048_576) MB, \(megapixels) megapixels); the site publishes it at most \(settings.widths.max() ?? 0) pixels wide",
                                hint: "shrink it to about 2000 pixels wide before adding it: the repository and every build stay smaller and faster.")
        }
    }

    /// Errors for images that no page reported where it uses them, at the image file.
    func reportUnusedProblems(_ diagnostics: Diagnostics) {
        let done = lock.withLock { reported }
        for url in problems.keys.sorted() where !done.contains(url) {
            let (path, problem) = problems[url]!
            diagnostics.error(.file(path), problem.message, hint: problem.hint)
        }
    }

    /// The device pixels a 360 px-wide phone at DPR 2 fills with a full-width picture (the
    /// column is the screen less 1 rem of margin on each side).
    static let phoneSlotPixels = (360 - 32) * 2

    /// The bytes such a phone downloads for one image: the AVIF (when offered) or WebP the
    /// srcset leads it to choose.
    func phoneBytes(_ url: String) -> Int {
        guard let image = images[url] else { return 0 }
        let webp = image.variants(.avif).isEmpty ? image.variants(.webp) : image.variants(.avif)
        return (webp.first { $0.width >= Self.phoneSlotPixels } ?? webp.last)?.data.count ?? 0
    }

    /// Warns about every page whose images weigh more than the budget on a phone, naming them.
    func reportBudget(tree: OutputTree, diagnostics: Diagnostics) {
        let pages = lock.withLock { usage }
        for page in pages.keys.sorted() {
            let urls = pages[page]!
            let total = urls.map(phoneBytes).reduce(0, +)
            guard total > budgetBytes else { continue }
            let heaviest = urls.sorted { (phoneBytes($0), $1) > (phoneBytes($1), $0) }
                .map { "\($0) (\(phoneBytes($0) / 1024) KB)" }.joined(separator: ", ")
            diagnostics.warning(tree.owner(of: page) ?? .file("content/site.yml"),
                                "the images of /\(page) weigh \(total / 1024) KB on a phone, over the \(budgetBytes / 1024) KB image budget: \(heaviest)",
                                hint: "use fewer photos on the page, crop them to what matters, or lower `image_quality`; the budget is `image_budget_kb` in content/site.yml.")
        }
    }
}

/// Results written from many threads, one slot each.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [Result<ProcessedImage, ImageProblem>?]
    private(set) var encoded = 0
    private(set) var huge: [String: (bytes: Int, megapixels: Int)] = [:]
    func setHuge(_ path: String, bytes: Int, megapixels: Int) { lock.withLock { huge[path] = (bytes, megapixels) } }
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ result: Result<ProcessedImage, ImageProblem>, encoded: Bool) {
        lock.withLock { results[i] = result; if encoded { self.encoded += 1 } }
    }
}
