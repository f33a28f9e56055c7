import Foundation

/// Turns each `<img>` of a rendered page whose source is a processed image into a `<picture>`:
/// WebP and fallback `srcset`s at every width, `sizes` for the page column, the picture's real
/// `width`/`height` (so nothing shifts as it loads), and `loading="lazy"` on all but the first.
/// Markdown and templates keep writing plain `<img>`; this is the one place that knows the variants.
enum ResponsiveMarkup {
    /// The column is 44 rem wide less 1 rem of margin each side; on a phone, the screen less the margins.
    static let sizes = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"

    /// The page's HTML with its images made responsive, and the site URLs of the images it shows.
    static func rewrite(_ html: String, pageURL: String, images: SiteImages) -> (html: String, used: [String]) {
        guard !images.images.isEmpty, html.contains("<img") else { return (html, []) }
        var out = ""
        out.reserveCapacity(html.utf8.count + 512)
        var used: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<img") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[start.lowerBound...end]
            out += rest[..<start.lowerBound]
            rest = rest[rest.index(after: end)...]
            let attributes = parseAttributes(tag.dropFirst(4).dropLast())
            guard let src = attributes.first(where: { $0.name == "src" })?.value,
                  case .success(let url) = ImageSource.resolve(unescape(src), on: pageURL),
                  let image = images.images[url] else {
                out += tag
                continue
            }
            out += picture(url: url, image: image, attributes: attributes, lazy: !used.isEmpty)
            used.append(url)
        }
        out += rest
        return (out, used)
    }

    static func picture(url: String, image: ProcessedImage, attributes: [(name: String, value: String)], lazy: Bool) -> String {
        func srcset(_ format: Vips.Format) -> String {
            image.variants(format).map { "\(SiteImages.variantURL(url, width: $0.width, format: format)) \($0.width)w" }
                .joined(separator: ", ")
        }
        let fallbacks = image.variants(image.fallback)
        // The plain `src` for browsers without srcset: the width a phone at DPR 2 would pick.
        let src = fallbacks.first { $0.width >= SiteImages.phoneSlotPixels } ?? fallbacks.last
        var img = "<img src=\"\(SiteImages.variantURL(url, width: src?.width ?? image.width, format: image.fallback))\""
        img += " srcset=\"\(srcset(image.fallback))\" sizes=\"\(sizes)\" width=\"\(image.width)\" height=\"\(image.height)\""
        // Kept from the original tag: what the picture says and how it is styled.
        for (name, value) in attributes where ["alt", "title", "class"].contains(name) {
            img += " \(name)=\"\(value)\""
        }
        if !attributes.contains(where: { $0.name == "alt" }) { img += " alt=\"\"" }
        img += lazy ? " loading=\"lazy\" decoding=\"async\">" : " decoding=\"async\">"
        // AVIF first: a browser takes the first source it can decode.
        let avif = image.variants(.avif).isEmpty ? "" : "<source type=\"image/avif\" srcset=\"\(srcset(.avif))\" sizes=\"\(sizes)\">"
        return "<picture>\(avif)<source type=\"image/webp\" srcset=\"\(srcset(.webp))\" sizes=\"\(sizes)\">\(img)</picture>"
    }

    /// Attributes of a tag written by Lantern's own renderers (double-quoted values, already escaped).
    static func parseAttributes(_ text: Substring) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var i = text.startIndex
        while i < text.endIndex {
            while i < text.endIndex, text[i] == " " || text[i] == "\n" || text[i] == "\t" || text[i] == "/" { i = text.index(after: i) }
            let nameStart = i
            while i < text.endIndex, text[i] != "=", text[i] != " ", text[i] != "/" { i = text.index(after: i) }
            let name = text[nameStart..<i].lowercased()
            guard !name.isEmpty else { break }
            guard i < text.endIndex, text[i] == "=" else { result.append((name, "")); continue }
            i = text.index(after: i)
            if i < text.endIndex, text[i] == "\"" || text[i] == "'" {
                let quote = text[i]
                i = text.index(after: i)
                let valueStart = i
                while i < text.endIndex, text[i] != quote { i = text.index(after: i) }
                result.append((name, String(text[valueStart..<i])))
                if i < text.endIndex { i = text.index(after: i) }
            } else {
                let valueStart = i
                while i < text.endIndex, text[i] != " " { i = text.index(after: i) }
                result.append((name, String(text[valueStart..<i])))
            }
        }
        return result
    }

    private static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
