/// The site's pages by address, as positions in `Site.pages`: an open-addressing table of 4-byte
/// slots (never more than half full). A `[String: Page]` took ~40 bytes a page in buckets, and the
/// sitemap made one for each of its parts: two at once, 25 MiB at the end of a 100 000-page build.
struct PageURLIndex: Sendable {
    /// Position in `pages` + 1 (0: empty).
    private var slots: ContiguousArray<UInt32>

    /// Indexes `pages` by `url`; where two pages share an address, the later one is found (as
    /// when a dictionary was filled in page order).
    init(_ pages: [Page]) {
        var size = 16
        while size < pages.count * 2 { size *= 2 }
        slots = ContiguousArray(repeating: 0, count: size)
        precondition(pages.count < Int(UInt32.max), "too many pages")
        for (position, page) in pages.enumerated() {
            slots[probe(page.url, in: pages).slot] = UInt32(position + 1)
        }
    }

    /// The page at `url`, if any.
    func page(_ url: String, in pages: [Page]) -> Page? {
        probe(url, in: pages).position.map { pages[$0] }
    }

    private func probe(_ url: String, in pages: [Page]) -> (position: Int?, slot: Int) {
        let mask = slots.count - 1
        var i = url.hashValue & mask
        while true {
            let s = slots[i]
            if s == 0 { return (nil, i) }
            if pages[Int(s - 1)].url == url { return (Int(s - 1), i) }
            i = (i + 1) & mask
        }
    }
}
