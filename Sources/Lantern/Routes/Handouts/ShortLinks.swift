/// Short, stable addresses for printed handouts: `/g/<code>/` (English: `/en/g/<code>/`) redirects
/// to a guide or event. The code is made from the page's translation key alone, so it never
/// changes when the title, slug or build does: a QR code printed last year still leads home.
/// Two pages whose codes collide are an error (never a silent overwrite).
struct ShortLinks {
    /// Pages whose code is another page's (reported; they get no short address). Usually empty:
    /// every other page's code is made again when asked, from its kind and key, so a plan holds
    /// no table of codes (the preview server plans the site again on every save).
    private var refused: Set<String> = []
    /// A page's code as a number below 36⁸ (its eight digits are made only for a URL).
    private let number: @Sendable (Page) -> UInt64

    /// Checks the codes of every guide and event of the site; a collision is reported (once) at both pages.
    /// Codes are compared as numbers: making each one's text to compare them was most of planning
    /// the handouts (the preview server plans again after every title edit).
    init(site: Site, diagnostics: Diagnostics?, number: @escaping @Sendable (Page) -> UInt64 = ShortLinks.number(of:)) {
        self.number = number
        var owner: [UInt64: Page] = [:]
        owner.reserveCapacity(site.pages.count)
        for page in site.pages where page.kind == .guide || page.kind == .event {
            let n = number(page)
            guard let other = owner[n] else { owner[n] = page; continue }
            // The same guide or event in another language has the same code: not a collision.
            if other.kind == page.kind && other.translationKey == page.translationKey { continue }
            diagnostics?.error(page.translationKeyLocation,
                               "the short address /g/\(Self.code(number: n))/ of this page is already the short address of \(other.sourcePath)",
                               hint: "give one of the two pages a different `translation_key`; the short address printed on handouts is made from it.")
            refused.insert(Self.id(page))
        }
    }

    /// The page's short address in its own language, e.g. `/g/k3x9qa2m/` or `/en/g/k3x9qa2m/`.
    func url(_ page: Page) -> String? {
        guard page.kind == .guide || page.kind == .event else { return nil }
        if !refused.isEmpty && refused.contains(Self.id(page)) { return nil }
        return "\(page.language.urlPrefix)/g/\(Self.code(number: number(page)))/"
    }

    /// The code of a page: of its kind and translation key (`code("guide:<key>")`).
    static func code(of page: Page) -> String { code(number: number(of: page)) }

    /// The code of a page as a number.
    static func number(of page: Page) -> UInt64 {
        var hash = FNV1a()
        hash.add(page.kind.rawValue)
        hash.add(":")
        hash.add(page.translationKey)
        return hash.value % space
    }

    private static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    private static func id(_ page: Page) -> String { "\(page.kind.rawValue):\(page.translationKey)" }

    /// Eight base-36 characters of FNV-1a (64-bit) of `id`: 2.8 × 10¹² codes, still short enough to
    /// type. Six (2 × 10⁹) made a collision likely past ~50 000 guides and events (the 100 000-page
    /// benchmark site had one); at eight, 100 000 of them collide with odds of about 1 in 600.
    static func code(_ id: String) -> String {
        var hash = FNV1a()
        hash.add(id)
        return code(number: hash.value % space)
    }

    private static let space: UInt64 = 2_821_109_907_456 // 36^8

    private static func code(number: UInt64) -> String {
        var n = number
        // Most significant digit first; eight ASCII bytes make a small string (no allocation).
        return String(unsafeUninitializedCapacity: 8) { out in
            for i in stride(from: 7, through: 0, by: -1) { out[i] = digits[Int(n % 36)]; n /= 36 }
            return 8
        }
    }
}
