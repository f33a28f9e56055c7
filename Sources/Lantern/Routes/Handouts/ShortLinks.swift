/// Short, stable addresses for printed handouts: `/g/<code>/` (English: `/en/g/<code>/`) redirects
/// to a guide or event. The code is made from the page's translation key alone, so it never
/// changes when the title, slug or build does: a QR code printed last year still leads home.
/// Two pages whose codes collide are an error (never a silent overwrite).
struct ShortLinks {
    /// Translation key (with its kind) → code.
    private(set) var codes: [String: String] = [:]

    /// Codes for every guide and event of the site; a collision is reported (once) at both pages.
    init(site: Site, diagnostics: Diagnostics?, code: (String) -> String = ShortLinks.code) {
        var owner: [String: Page] = [:]
        for page in site.pages where page.kind == .guide || page.kind == .event {
            let id = Self.id(page)
            if codes[id] != nil { continue }
            let c = code(id)
            if let other = owner[c] {
                diagnostics?.error(page.translationKeyLocation,
                                   "the short address /g/\(c)/ of this page is already the short address of \(other.sourcePath)",
                                   hint: "give one of the two pages a different `translation_key`; the short address printed on handouts is made from it.")
                continue
            }
            owner[c] = page
            codes[id] = c
        }
    }

    /// The page's short address in its own language, e.g. `/g/k3x9qa2m/` or `/en/g/k3x9qa2m/`.
    func url(_ page: Page) -> String? {
        codes[Self.id(page)].map { "\(page.language.urlPrefix)/g/\($0)/" }
    }

    /// The site paths this provider writes redirects to (for leaving them out of the sitemap).
    static func isShortLink(_ path: String) -> Bool {
        path.hasPrefix("g/") || path.hasPrefix("en/g/")
    }

    private static func id(_ page: Page) -> String { "\(page.kind.rawValue):\(page.translationKey)" }

    /// Eight base-36 characters of FNV-1a (64-bit) of `id`: 2.8 × 10¹² codes, still short enough to
    /// type. Six (2 × 10⁹) made a collision likely past ~50 000 guides and events (the 100 000-page
    /// benchmark site had one); at eight, 100 000 of them collide with odds of about 1 in 600.
    static func code(_ id: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let space: UInt64 = 2_821_109_907_456 // 36^8
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var n = hash % space, out: [Character] = []
        for _ in 0..<8 { out.append(digits[Int(n % 36)]); n /= 36 }
        return String(out.reversed())
    }
}
