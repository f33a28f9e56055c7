import Templates
/// Splits lists into numbered pages whose links work without JavaScript.
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
    func pagination(_ slice: Slice) -> PaginationView {
        let (number, count, base) = (slice.number, slice.count, slice.base)
        var view = PaginationView(hasPages: count > 1, current: number, count: count,
                                  label: "\(strings.string("page", language)) \(number)/\(count)")
        if count > 1 {
            view.pages = Self.window(current: number, count: count).map { n in
                guard let n else { return PaginationView.Link(gap: true) }
                return PaginationView.Link(number: n, url: url(base: base, page: n), current: n == number)
            }
            if number > 1 { view.prev = url(base: base, page: number - 1) }
            if number < count { view.next = url(base: base, page: number + 1) }
        }
        return view
    }
}

/// The pager under a list (`partials/pagination.mustache`).
struct PaginationView: ViewValue {
    var hasPages: Bool
    var current: Int
    var count: Int
    var label: String
    var pages: [Link] = []
    var prev: String?
    var next: String?

    /// A numbered link, or a gap ("…") between numbers.
    struct Link: ViewValue {
        var gap = false
        var number = 0
        var url = ""
        var current = false
        func child(named n: String) -> (any TemplateValue)? {
            switch n {
            case "gap": return gap
            case "number": return number
            case "url": return url
            case "current": return current
            default: return nil
            }
        }
    }

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "has_pages": return hasPages
        case "current": return current
        case "count": return count
        case "label": return label
        case "pages": return pages
        case "prev": return field(prev)
        case "next": return field(next)
        default: return nil
        }
    }
}
