import Foundation

/// Walks `content/` and loads every page, in parallel, collecting all problems.
struct ContentLoader {
    let fs: FileSystem
    let reference: ReferenceData
    let diagnostics: Diagnostics
    /// One copy of the values many pages repeat, shared by the pages of this load.
    let pool = ValuePool()

    struct Result {
        var pages: [Page]
        /// Non-Markdown files under content/ (outside data/ and progress/), copied as-is.
        var assets: [String]
    }

    func load(includeDrafts: Bool) -> Result {
        // Each Markdown file's site path is made once, here, and kept by its page; the listing's
        // own names are let go before the files are read (they were 10 MiB at the peak of loading
        // 100 000 pages).
        var markdown: [String] = []
        var assets: [String] = []
        do {
            let listing = fs.listing(under: "content")
            SourceFiles.report(listing, in: "content", diagnostics: diagnostics)
            for file in listing.files {
                let top = file.split(separator: "/").first.map(String.init) ?? ""
                if file.hasSuffix(".md") { markdown.append(.tight("content/", file)) }
                else if top == "data" || top == "progress" || file == "site.yml" { continue }
                else { assets.append("content/\(file)") }
            }
        }
        let markdownFiles = markdown
        markdown = []
        let slots = ResultSlots<Page>(count: markdownFiles.count)
        DispatchQueue.concurrentPerform(iterations: markdownFiles.count) { i in
            slots.set(i, page(markdownFiles[i]))
        }
        let pages = slots.values.compactMap { $0 }.filter { includeDrafts || !$0.draft }
        return Result(pages: uniqueTranslations(pages), assets: readable(assets))
    }

    /// The pages without a second one of the same translation key and language (each reported):
    /// the site can show only one page per key in each language.
    private func uniqueTranslations(_ pages: [Page]) -> [Page] {
        // An index of positions, not a table of pages by key: that was 12 MiB at the peak of
        // loading 100 000 pages.
        var first = TranslationIndex(capacity: pages.count)
        var unique: [Page] = []
        unique.reserveCapacity(pages.count)
        for position in pages.indices {
            guard !first.insert(position, in: pages) else { unique.append(pages[position]); continue }
            let page = pages[position]
            let other = pages[first.position(page.translationKey, page.language, in: pages)!]
            diagnostics.error(page.translationKeyLocation,
                              "two \(page.language.rawValue) pages share the translation key `\(page.translationKey)`: \(other.sourcePath) and \(page.sourcePath)",
                              hint: "each language can have one page per translation key; change `translation_key` in one of them.")
        }
        return unique
    }

    /// The assets that can be read; the others are reported (an image silently missing from the
    /// site leaves a broken picture on every page that shows it).
    private func readable(_ assets: [String]) -> [String] {
        assets.filter { path in
            do { _ = try fs.read(path, limit: 0); return true } catch FileProblem.tooLarge { return true } catch {
                diagnostics.report(SourceFiles.diagnostic(path, error as? FileProblem ?? .unreadable(reason: "\(error)")))
                return false
            }
        }
    }

    /// One Markdown file as a page (nil, with its problems reported, when it cannot be one).
    func page(_ path: String) -> Page? {
        let relative = String(path.dropFirst("content/".count))
        guard let kind = classify(relative, path: path) else { return nil }
        guard let text = Self.readText(path, fs: fs, diagnostics: diagnostics) else { return nil }
        return PageDecoder(reference: reference, diagnostics: diagnostics, pool: pool).decode(path: path, text: text, kind: kind)
    }

    /// A Markdown file's text as pages see it: valid UTF-8, in NFC. Problems are reported when
    /// `diagnostics` is given (at load); the render step reads the file again without reporting.
    static func readText(_ path: String, fs: FileSystem, diagnostics: Diagnostics?) -> String? {
        guard let data = SourceFiles.read(path, fs: fs, diagnostics: diagnostics) else { return nil }
        guard var text = TextDecoding.utf8(data, path: path, diagnostics: diagnostics ?? Diagnostics()) else { return nil }
        // YAML and CommonMark take a lone CR (old Mac files) as a line break; the front-matter splitter
        // counts LF. Making every break LF keeps every reported line number true.
        if data.withUnsafeBytes({ $0.isEmpty ? false : memchr($0.baseAddress!, 13, $0.count) != nil }) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        // Only text with combining marks can be non-NFC; checking first avoids normalising every file.
        if mayHoldCombiningMarks(&text),
           text.unicodeScalars.contains(where: { (0x0300...0x036F).contains($0.value) }),
           !text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars) {
            diagnostics?.warning(.file(path), "the text is not in NFC form (letters and accents stored separately); it was normalised",
                                 hint: "save the file from an editor that writes NFC; Vietnamese search and sorting expect it.")
            text = text.precomposedStringWithCanonicalMapping
        }
        return text
    }

    /// Whether the text has a byte that starts U+0300–U+037F (combining marks live there); a quick
    /// scan of the raw bytes before any Unicode work.
    private static func mayHoldCombiningMarks(_ text: inout String) -> Bool {
        text.withUTF8 { bytes in bytes.contains { $0 & 0xFE == 0xCC } }
    }

    /// The Markdown body of a page, read again from its file: pages keep only their front matter in
    /// memory, so a 10 000-page site does not hold every text twice.
    static func body(of page: Page, fs: FileSystem) -> String? {
        guard let text = readText(page.sourcePath, fs: fs, diagnostics: nil) else { return nil }
        return try? FrontMatter.split(text).body
    }

    private func classify(_ relative: String, path: String) -> Page.Kind? {
        let parts = relative.split(separator: "/")
        if parts.count == 1 {
            let (name, _) = PageDecoder.nameAndLanguage(relative)
            return name == "_index" ? .home : .page
        }
        if let kind = Page.Kind.inFolder(String(parts[0])) { return kind }
        let folders = Page.Kind.allCases.compactMap { $0.info.folder.map { "content/\($0)/" } }.joined(separator: ", ")
        diagnostics.error(.file(path), "Lantern does not know the section `\(parts[0])`",
                          hint: "put Markdown pages in \(folders) or directly in content/.")
        return nil
    }
}

/// Fixed slots written from parallel iterations, read back in order (deterministic results).
final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T?) { lock.lock(); storage[i] = value; lock.unlock() }
    var values: [T?] { lock.lock(); defer { lock.unlock() }; return storage }
    /// Moves slot `i`'s value out, leaving the slot empty.
    func take(_ i: Int) -> T? { lock.lock(); defer { lock.unlock() }; let value = storage[i]; storage[i] = nil; return value }
}
