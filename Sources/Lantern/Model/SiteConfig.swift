/// `share_cards` in site.yml: what a page shared on Zalo or Facebook shows.
public enum ShareCardMode: String, Sendable, Equatable, CaseIterable {
    /// Every page with a title gets a card drawn with its title (slow cold: one card per page).
    case all
    /// Pages with a photo get it cropped to 1200×630; every other page shares its language's site card.
    case photos
    /// No cards: `og:image` is a page's photo as it is, or nothing.
    case off
}

/// Site settings from `content/site.yml`.
public struct SiteConfig: Sendable, Equatable {
    public struct MenuItem: Sendable, Equatable {
        /// Interface-string key for the label (`nav_guides`) — translated per language.
        public var key: String
        /// Section or page the item leads to, e.g. `guides` or `/gioi-thieu/`.
        public var target: String
    }

    public var title: [Language: String] = [.vi: "Lantern"]
    public var description: [Language: String] = [:]
    /// Absolute base URL, always ending in `/`, e.g. `https://binhdanhocvuso.example/`.
    public var baseURL: String = "http://localhost/"
    public var languages: [Language] = [.vi, .en]
    /// Items per page on every list.
    public var pageSize: Int = 12
    /// Each page's HTML + CSS, gzip-compressed, must fit in this many bytes.
    public var pageBudgetBytes: Int = 14 * 1024
    /// Raw HTML in Markdown passes through (trusted content only).
    public var allowHTML: Bool = false
    /// Write `.gz` and `.br` beside every text file.
    public var precompress: Bool = true
    /// Write a Netlify/Cloudflare-style `_headers` file (`sw.js` no-cache, hashed files immutable).
    public var headersFile: Bool = false
    /// Brotli quality for precompressed files, 0–11: 7 by default (fast); 11 is ~9% smaller, ~45× slower.
    public var brotliQuality: Int = 7
    /// Guides whose `updated` date is older than this many days get a warning from `lantern check`.
    public var staleGuideDays: Int = 365
    /// WebP and JPEG quality for processed images, 1–100.
    public var imageQuality: Int = 75
    /// The images of one page, as a 360 px phone at DPR 2 downloads them, must fit in this many bytes.
    public var imageBudgetBytes: Int = 100 * 1024
    /// Processed images are kept here between builds (relative to the site folder; never published).
    /// Where processed photos are kept between builds, relative to the site folder, when site.yml
    /// says so; otherwise the user's cache folder (`$XDG_CACHE_HOME/lantern/images`).
    public var imageCache: String? = nil
    /// Also encode AVIF (kept where it pays); `image_avif: false` saves its encode time.
    public var imageAVIF: Bool = true
    /// Which pages get their own `og:image` share card (`share_cards`).
    public var shareCards: ShareCardMode = .photos
    public var menu: [MenuItem] = [
        MenuItem(key: "nav_guides", target: "guides"),
        MenuItem(key: "nav_events", target: "events"),
        MenuItem(key: "nav_progress", target: "progress"),
        MenuItem(key: "nav_stories", target: "stories"),
        MenuItem(key: "nav_localities", target: "localities"),
    ]

    /// The text of content/site.yml, for pointing at a line in it (`lantern check`).
    public var sourceText: String = ""

    public init() {}

    public func title(_ language: Language) -> String { title[language] ?? title[.default] ?? "" }
    public func description(_ language: Language) -> String { description[language] ?? description[.default] ?? "" }

    /// `https://host/path/` for a site path such as `/huong-dan/`.
    public func absoluteURL(_ path: String) -> String {
        var base = baseURL
        if base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}
