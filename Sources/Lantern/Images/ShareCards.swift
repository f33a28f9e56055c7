import CVipsShim
import Foundation

/// The picture a social app (Zalo, Facebook) shows for a shared link: a 1200×630 JPEG at
/// `/anh/the/<hash>.jpg`. A page with a photo gets the photo cropped around its most interesting
/// part; with `share_cards: all` every other content page gets a card drawn with its title, and
/// every page without a card of its own (lists, the home page with `photos`) shares its language's
/// site card. Cards are cached like photos, so a second build draws and encodes nothing.
final class ShareCards: @unchecked Sendable {
    /// One card, as the page's `og:image` meta tags describe it.
    struct Card: Sendable, Equatable {
        var url: String
        var width: Int
        var height: Int
        var alt: String
    }

    static let width = 1200, height = 630, quality = 80
    static let folder = "anh/the/"

    /// Cards by page URL; the site card by language.
    let pages: [String: Card]
    let site: [Language: Card]
    /// How many cards this build drew or cropped (the rest came from the cache).
    let encodedCount: Int
    private let files: [String: (data: Data, owner: SourceLocation)]

    init(pages: [String: Card] = [:], site: [Language: Card] = [:], files: [String: (data: Data, owner: SourceLocation)] = [:], encodedCount: Int = 0) {
        self.pages = pages
        self.site = site
        self.files = files
        self.encodedCount = encodedCount
    }

    /// The card of the page at `url`, else its language's site card.
    func card(url: String, language: Language) -> Card? { pages[url] ?? site[language] }

    /// Claims and writes every card file.
    func write(into tree: OutputTree, diagnostics: Diagnostics) {
        for path in files.keys.sorted() {
            let file = files[path]!
            tree.add(path, file.data, owner: file.owner, diagnostics: diagnostics)
        }
    }

    /// One card to make: a photo to crop, or a title to draw.
    private struct Job {
        enum Source { case photo(Data), title(title: String, footer: String) }
        var source: Source
        var key: String
        var owner: SourceLocation
    }

    /// Makes (or takes from `cache`) the cards `mode` asks for; a failure is reported once.
    static func make(site: Site, fs: FileSystem, cache: ImageCache?, mode: ShareCardMode, fonts: CardFonts,
                     diagnostics: Diagnostics) -> ShareCards {
        guard mode != .off else { return ShareCards() }
        let design = fonts.design
        let recipe = "card \(width)x\(height) q=\(quality) \(design) font=\(fonts.identity) v=1"
        var jobs: [String: Job] = [:]
        var wanted: [(page: String?, language: Language, path: String, alt: String)] = []
        func want(_ job: Job, page: String?, language: Language, alt: String) {
            let path = folder + String(job.key.prefix(16)) + ".jpg"
            if jobs[path] == nil { jobs[path] = job }
            wanted.append((page, language, path, alt))
        }
        func titleJob(_ title: String, footer: String, owner: SourceLocation) -> Job {
            let markup = "\(escape(title))\u{0}\(escape(footer))"
            return Job(source: .title(title: escape(title), footer: escape(footer)),
                       key: ImageCache.key(Data(markup.utf8), recipe: recipe), owner: owner)
        }
        let siteFile = SourceLocation.file("content/site.yml")
        for language in site.config.languages.sorted() {
            let host = URL(string: site.config.baseURL)?.host ?? site.config.baseURL
            want(titleJob(site.config.title(language), footer: host, owner: siteFile), page: nil, language: language,
                 alt: site.config.title(language))
        }
        // A story's photo is cropped when libvips can read it: known without loading libvips
        // when its card is cached.
        func croppable(_ image: Page.Image) -> (data: Data, key: String)? {
            guard isCroppable(image.src), let data = try? fs.read("content" + image.src) else { return nil }
            let key = ImageCache.key(data, recipe: "crop " + recipe)
            return cache?.contains(key) == true || (try? Vips.header(data)) != nil ? (data, key) : nil
        }
        for page in site.pages {
            if let image = page.story?.image, let photo = croppable(image) {
                want(Job(source: .photo(photo.data), key: photo.key, owner: image.location),
                     page: page.url, language: page.language, alt: image.alt)
            } else if mode == .all {
                let siteTitle = site.config.title(page.language)
                want(titleJob(page.title, footer: siteTitle, owner: page.urlLocation), page: page.url, language: page.language,
                     alt: "\(page.title) – \(siteTitle)")
            }
        }
        let paths = jobs.keys.sorted(), todo = jobs
        let results = CardBox(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let job = todo[paths[i]]!
            if let cached = cache?.load(job.key), let jpeg = cached.variants.first?.data { results.set(i, .success(jpeg), encoded: false); return }
            do throws(Vips.Failure) {
                let image: Vips.Image
                switch job.source {
                case .photo(let data): image = try Vips.cropCover(data, width: width, height: height)
                case .title(let title, let footer): image = try Vips.titleCard(title: title, footer: footer, design: design)
                }
                let jpeg = try Vips.encode(image, as: .jpeg, quality: quality)
                cache?.store(ProcessedImage(variants: [.init(width: width, height: height, format: .jpeg, data: jpeg)], fallback: .jpeg), key: job.key)
                results.set(i, .success(jpeg), encoded: true)
            } catch {
                results.set(i, .failure(error), encoded: false)
            }
        }
        var files: [String: (data: Data, owner: SourceLocation)] = [:]
        var failed = false
        for (i, path) in paths.enumerated() {
            switch results.results[i] {
            case .success(let jpeg): files[path] = (jpeg, jobs[path]!.owner)
            case .failure(let error):
                // A damaged photo is already reported where it is used; a card that cannot be drawn
                // (fonts, libvips) fails the same way for every page: say it once.
                if case .title = jobs[path]!.source, !failed {
                    failed = true
                    diagnostics.error(siteFile, "the share cards cannot be drawn: \(error.description)",
                                      hint: error.libraryMissing ? Vips.installHint + " Or set `share_cards: off` in content/site.yml."
                                          : "install the Noto fonts (Debian: `apt-get install fonts-noto-core`), or set `share_cards: off` in content/site.yml.")
                }
            case nil: break
            }
        }
        var pages: [String: Card] = [:], siteCards: [Language: Card] = [:]
        for w in wanted where files[w.path] != nil {
            let card = Card(url: "/" + w.path, width: width, height: height, alt: w.alt)
            if let page = w.page { pages[page] = card } else { siteCards[w.language] = card }
        }
        return ShareCards(pages: pages, site: siteCards, files: files, encodedCount: results.encoded)
    }

    /// Photos libvips can crop (not SVG or GIF, which pass through as they are).
    static func isCroppable(_ src: String) -> Bool { ImageProcessor.isProcessed(src) }

    /// Text made safe for Pango markup.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// The font share cards are drawn with: Noto Sans (Debian's `fonts-noto-core`), whose Vietnamese
/// marks are right; without it, fontconfig's default sans-serif font and a warning.
struct CardFonts: Sendable {
    static let candidates = [
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/noto/NotoSans-Bold.ttf",
        "/usr/local/share/fonts/NotoSans-Bold.ttf",
    ]

    var design: Vips.CardDesign
    /// Part of every card's cache key: the font file's size and hash (a new font version, new cards).
    var identity: String

    /// Finds Noto Sans Bold among `candidates` (the regular face is beside it in every package).
    static func find(candidates: [String] = candidates) -> CardFonts? {
        for path in candidates {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let hash = data.withUnsafeBytes { lantern_fnv1a64($0.baseAddress, $0.count, 0xcbf2_9ce4_8422_2325) }
            return CardFonts(design: Vips.CardDesign(fontFile: path), identity: "\(path):\(data.count):\(String(hash, radix: 16))")
        }
        return nil
    }

    /// The fallback: whatever fontconfig calls `Sans`.
    static let system = CardFonts(design: Vips.CardDesign(titleFont: "Sans Bold 60", footerFont: "Sans 34", fontFile: nil), identity: "system-sans")
}

/// Results written from many threads, one slot each.
private final class CardBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [Result<Data, Vips.Failure>?]
    private(set) var encoded = 0
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ result: Result<Data, Vips.Failure>, encoded: Bool) {
        lock.withLock { results[i] = result; if encoded { self.encoded += 1 } }
    }
}
