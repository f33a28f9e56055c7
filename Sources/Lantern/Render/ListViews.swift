import Templates
/// Paginated lists with numbered page links that work without JavaScript.
struct Paginator {
    let pageSize: Int
    let language: Language
    let strings: InterfaceStrings

    /// One page of a list: which items it shows (`range`), built only when the page is rendered.
    struct Slice {
        var url: String
        var number: Int
        var count: Int
        var base: String
        var range: Range<Int>
    }

    /// The page numbers a pager links to: the first, the last, and two either side of the current
    /// one; `nil` marks a gap ("…"). A list of 600 pages links to 7 of them, not 600.
    static func window(current: Int, count: Int) -> [Int?] {
        var shown: [Int?] = []
        for n in 1...count where n == 1 || n == count || abs(n - current) <= 2 {
            if let last = shown.last, let l = last, n > l + 1 { shown.append(n == l + 2 ? l + 1 : nil) }
            shown.append(n)
        }
        return shown
    }

    /// Page 1 lives at `base`; page n at `base` + `trang/n/` (vi) or `page/n/` (en).
    func url(base: String, page: Int) -> String {
        page == 1 ? base : "\(base)\(language == .vi ? "trang" : "page")/\(page)/"
    }

    func paginate(count itemCount: Int, base: String) -> [Slice] {
        let count = max(1, (itemCount + pageSize - 1) / pageSize)
        return (1...count).map { number in
            let start = min(itemCount, (number - 1) * pageSize)
            return Slice(url: url(base: base, page: number), number: number, count: count, base: base,
                         range: start..<min(itemCount, start + pageSize))
        }
    }

    /// The pager's values for one page of a list (made when that page is rendered).
    func pagination(_ slice: Slice) -> TemplateObject {
        let (number, count, base) = (slice.number, slice.count, slice.base)
        var pagination: TemplateObject = ["has_pages": count > 1, "current": number, "count": count,
                                          "label": "\(strings.string("page", language)) \(number)/\(count)"]
        if count > 1 {
            pagination["pages"] = Self.window(current: number, count: count).map { n -> TemplateObject in
                guard let n else { return ["gap": true] }
                return ["number": n, "url": url(base: base, page: n), "current": n == number]
            }
            if number > 1 { pagination["prev"] = url(base: base, page: number - 1) }
            if number < count { pagination["next"] = url(base: base, page: number + 1) }
        }
        return pagination
    }
}
