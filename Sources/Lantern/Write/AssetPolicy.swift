import Foundation

/// Which files under `content/` may be published as they are. Content comes from many hands, so
/// only passive types are copied: images, PDF documents, and (with `allow_html`) HTML. An SVG is
/// an XML document that browsers run scripts in, so it is published only when it holds no script,
/// event handler, `foreignObject`, entity declaration or reference to another file or site.
enum AssetPolicy {
    static let passiveExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "pdf"]

    /// Why the file at `path` may not be published, at a position in it; nil when it may.
    static func problem(path: String, data: Data, allowHTML: Bool) -> (line: Int, column: Int, message: String, hint: String)? {
        let ext = (path as NSString).pathExtension.lowercased()
        if passiveExtensions.contains(ext) { return nil }
        if ext == "html" || ext == "htm" {
            if allowHTML { return nil }
            return (1, 1, "a raw HTML file is not published: it could run scripts on the site",
                    "write the page in Markdown (.md) instead; only a site that trusts every author may set `allow_html: true` in content/site.yml.")
        }
        if ext == "svg" { return svgProblem(data) }
        return (1, 1, "files of type `.\(ext.isEmpty ? "(none)" : ext)` are not published from content/",
                "content/ may hold Markdown and images (\(passiveExtensions.sorted().joined(separator: ", ")), svg); move other files out of content/.")
    }

    /// The first unsafe construct in an SVG, with its line and column.
    static func svgProblem(_ data: Data) -> (line: Int, column: Int, message: String, hint: String)? {
        let hint = "export the drawing again as a plain SVG (no scripts, links or embedded HTML), or use PNG/JPEG."
        guard let text = String(data: data, encoding: .utf8) else {
            return (1, 1, "the SVG file is not valid UTF-8 text", hint)
        }
        let bytes = Array(text.utf8)
        let lower = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        func position(_ offset: Int) -> (Int, Int) {
            var line = 1, column = 1
            for b in bytes[..<offset] {
                if b == 10 { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return (line, column)
        }
        func find(_ needle: String, from start: Int = 0) -> Int? {
            let n = Array(needle.utf8)
            guard n.count <= lower.count else { return nil }
            var i = start
            while i + n.count <= lower.count {
                if lower[i] == n[0] && Array(lower[i..<(i + n.count)]) == n { return i }
                i += 1
            }
            return nil
        }
        let forbidden: [(String, String)] = [
            ("<script", "it contains a <script> element"),
            ("<foreignobject", "it contains a <foreignObject> element (embedded HTML)"),
            ("<!entity", "it declares XML entities"),
            ("<iframe", "it contains an <iframe>"),
            ("<embed", "it contains an <embed> element"),
            ("<object", "it contains an <object> element"),
            ("javascript:", "it contains a javascript: address"),
            ("@import", "its style imports another file"),
        ]
        var first: (Int, String)? = nil
        for (needle, why) in forbidden {
            if let at = find(needle), at < (first?.0 ?? Int.max) { first = (at, why) }
        }
        // Attributes: on…= event handlers, and href/src/xlink:href that point anywhere but `#id`.
        var i = 0
        while i < lower.count {
            let b = lower[i]
            let startsName = (b >= 97 && b <= 122) && i > 0 && (lower[i - 1] == 32 || lower[i - 1] == 9 || lower[i - 1] == 10 || lower[i - 1] == 13)
            if startsName {
                var j = i
                while j < lower.count, (lower[j] >= 97 && lower[j] <= 122) || lower[j] == 58 || lower[j] == 45 { j += 1 }
                var k = j
                while k < lower.count, lower[k] == 32 || lower[k] == 9 || lower[k] == 10 || lower[k] == 13 { k += 1 }
                if k < lower.count, lower[k] == 61 {
                    let name = String(decoding: lower[i..<j], as: UTF8.self)
                    if name.hasPrefix("on") && name.count > 2 {
                        if i < (first?.0 ?? Int.max) { first = (i, "it has an event handler attribute (`\(name)`) that runs a script") }
                    } else if name == "href" || name == "xlink:href" || name == "src" {
                        var v = k + 1
                        while v < lower.count, lower[v] == 32 || lower[v] == 9 || lower[v] == 10 || lower[v] == 13 { v += 1 }
                        if v < lower.count, lower[v] == 34 || lower[v] == 39 { v += 1 }
                        if v < lower.count, lower[v] != 35, i < (first?.0 ?? Int.max) {
                            first = (i, "it refers to another file or site (`\(name)`); only references inside the drawing (`#id`) are allowed")
                        }
                    }
                }
                i = j
                continue
            }
            i += 1
        }
        // url(…) in styles that does not point inside the drawing.
        var from = 0
        while let at = find("url(", from: from) {
            var v = at + 4
            while v < lower.count, lower[v] == 32 || lower[v] == 34 || lower[v] == 39 { v += 1 }
            if v < lower.count, lower[v] != 35, at < (first?.0 ?? Int.max) { first = (at, "its style refers to another file or site (`url(…)`)") }
            from = at + 4
        }
        guard let (offset, why) = first else { return nil }
        let (line, column) = position(offset)
        return (line, column, "this SVG is not safe to publish: \(why)", hint)
    }
}
