import Foundation

/// Theme assets from `templates/static/` and content files (images) copied to the output.
/// The stylesheet gets a content-hashed name (`style.3f9a1c2b.css`) so servers can cache it forever;
/// its text is also kept for templates that inline it (`{{{inline_css}}}`, what the default theme
/// does: first paint then needs one round trip, not two).
enum Assets {
    static func copy(site: Site, fs: FileSystem, into tree: OutputTree, diagnostics: Diagnostics, images: SiteImages = SiteImages()) -> AssetURLs {
        var urls = AssetURLs(stylesheet: "/style.css", favicon: "/favicon.ico", stylesheetGzipBytes: 0)
        for file in fs.files(under: "templates/static") {
            let path = "templates/static/\(file)"
            guard let data = try? fs.read(path) else {
                diagnostics.error(.file(path), "the theme file cannot be read, so it cannot be published",
                                  hint: "check that it is a regular file you may read (not a folder link, pipe or device).")
                continue
            }
            var target = file
            if file.hasSuffix(".css") {
                let name = (file as NSString).deletingPathExtension
                target = "\(name).\(fingerprint(data)).css"
                if file == "style.css" {
                    urls.stylesheet = "/" + target
                    urls.stylesheetGzipBytes = Compression.gzip(data, level: 6).count
                    urls.inlineStylesheet = inlinable(data, path: path, diagnostics: diagnostics)
                }
            }
            tree.add(target, data, owner: .file(path), diagnostics: diagnostics)
        }
        // Photos are published only as processed variants (`SiteImages`): never with their metadata.
        for path in site.contentAssets where !images.handles(path) {
            guard let data = try? fs.read(path) else {
                diagnostics.error(.file(path), "the file cannot be read, so it cannot be published",
                                  hint: "check that the file exists and that its permissions let you read it.")
                continue
            }
            if let problem = AssetPolicy.problem(path: path, data: data, allowHTML: site.config.allowHTML) {
                diagnostics.error(SourceLocation(path: path, line: problem.line, column: problem.column), problem.message, hint: problem.hint)
                continue
            }
            tree.add(String(path.dropFirst("content/".count)), data, owner: .file(path), diagnostics: diagnostics)
        }
        return urls
    }

    /// The stylesheet's text for a `<style>` element: comments dropped (they would be sent with every
    /// page). Text that would end the element early (`</style`) is an error, not a broken page.
    static func inlinable(_ data: Data, path: String, diagnostics: Diagnostics) -> String {
        let text = String(decoding: data, as: UTF8.self)
        if let end = text.range(of: "</style", options: .caseInsensitive) {
            let lines = text[..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            diagnostics.error(SourceLocation(path: path, line: lines.count, column: (lines.last?.count ?? 0) + 1),
                              "the stylesheet contains `</style`, which would end the inlined <style> element early",
                              hint: "remove it; inside a CSS string write `<\\/style` instead.")
            return ""
        }
        // Comments go (every page would carry them); a comment opener inside a CSS string would be
        // taken for one, which the theme's stylesheet never has.
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "/*") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "*/") else { rest = ""; break }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: "\n")
    }

    /// First 8 hex digits of FNV-1a 64 over the bytes: stable across runs and platforms.
    static func fingerprint(_ data: Data) -> String {
        var hash = FNV1a()
        hash.add(data)
        return String(hash.hex.prefix(8))
    }
}

/// FNV-1a 64, fed piece by piece: the hash behind every content-hashed name (`Assets.fingerprint`,
/// the search index's version, the service worker's build version).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ data: Data) { data.withUnsafeBytes { add($0) } }
    mutating func add(_ text: String) { var text = text; text.withUTF8 { add(UnsafeRawBufferPointer($0)) } }
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        // Over the raw bytes: Data's iterator cost 1 % of a 10 000-page build.
        var v = value
        for byte in bytes { v = (v ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = v
    }
    /// All 16 hex digits.
    var hex: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
