/// The site's pages by translation key and language, as positions in `Site.pages`: an
/// open-addressing table of 4-byte slots. A `[TranslationKey: Page]` cost ~80 bytes a page in
/// buckets (8.4 MiB at 100 000 pages) for keys and pages the page list already holds.
struct TranslationIndex: Sendable {
    /// Position in `pages` + 1 (0: empty); never more than half full.
    private var slots: ContiguousArray<UInt32>

    /// An index with room for `count` pages.
    init(capacity count: Int) {
        var size = 16
        while size < count * 2 { size *= 2 }
        slots = ContiguousArray(repeating: 0, count: size)
    }

    /// Where the page with `key` in `language` is in `pages`.
    func position(_ key: String, _ language: Language, in pages: [Page]) -> Int? {
        let found = probe(key, language, in: pages)
        return found.position
    }

    /// Records `pages[position]` under its key and language, unless a page is there already
    /// (then false, and nothing changes).
    mutating func insert(_ position: Int, in pages: [Page]) -> Bool {
        let page = pages[position]
        let found = probe(page.translationKey, page.language, in: pages)
        guard found.position == nil else { return false }
        precondition(position < Int(UInt32.max), "too many pages")
        slots[found.slot] = UInt32(position + 1)
        return true
    }

    private func probe(_ key: String, _ language: Language, in pages: [Page]) -> (position: Int?, slot: Int) {
        var hasher = Hasher()
        hasher.combine(key)
        hasher.combine(language)
        let mask = slots.count - 1
        var i = hasher.finalize() & mask
        while true {
            let s = slots[i]
            if s == 0 { return (nil, i) }
            let page = pages[Int(s - 1)]
            if page.language == language && page.translationKey == key { return (Int(s - 1), i) }
            i = (i + 1) & mask
        }
    }
}
