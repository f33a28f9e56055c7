/// Paginated lists with numbered page links that work without JavaScript.
struct Paginator {
    let pageSize: Int
    let language: Language
    let strings: InterfaceStrings

    struct Slice { var url: String; var number: Int; var items: [[String: Any]]; var pagination: [String: Any] }

    /// Page 1 lives at `base`; page n at `base` + `trang/n/` (vi) or `page/n/` (en).
    func url(base: String, page: Int) -> String {
        page == 1 ? base : "\(base)\(language == .vi ? "trang" : "page")/\(page)/"
    }

    func paginate(_ items: [[String: Any]], base: String) -> [Slice] {
        let count = max(1, (items.count + pageSize - 1) / pageSize)
        return (1...count).map { number in
            let slice = Array(items.dropFirst((number - 1) * pageSize).prefix(pageSize))
            var pagination: [String: Any] = ["has_pages": count > 1, "current": number, "count": count,
                                             "label": "\(strings.string("page", language)) \(number)/\(count)"]
            if count > 1 {
                pagination["pages"] = (1...count).map { n -> [String: Any] in
                    ["number": n, "url": url(base: base, page: n), "current": n == number]
                }
                if number > 1 { pagination["prev"] = url(base: base, page: number - 1) }
                if number < count { pagination["next"] = url(base: base, page: number + 1) }
            }
            return Slice(url: url(base: base, page: number), number: number, items: slice, pagination: pagination)
        }
    }
}
