import CCmarkGFM
import Foundation
import Synchronization

/// Markdown → HTML with libcmark-gfm and the GFM extensions (table, strikethrough, autolink,
/// tasklist, tagfilter). Safe to call from many threads at once.
public enum MarkdownRenderer {
    /// Debian's libcmark-gfm 0.29.0.gfm.6 keeps the inline parser's special-character table in one
    /// process-wide array: every parser adds its extensions' characters when it finishes a document
    /// and removes them afterwards. Two documents finishing at once therefore lose `~~strike~~` and
    /// bare-URL autolinks at random. Parsing is serialised here; rendering the tree to HTML (the
    /// larger half of the work) runs in parallel.
    private static let parseLock = Mutex<Bool>(false)

    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    public static func render(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
        var cmarkOptions = CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG
        if options.smartPunctuation { cmarkOptions |= CMARK_OPT_SMART }

        let document = parse(markdown, options: cmarkOptions)
        defer {
            cmark_node_free(document.root)
            cmark_llist_free(cmark_get_default_mem_allocator(), document.extensions)
        }

        var walker = TreeWalker(root: document.root, options: options, cmarkOptions: cmarkOptions,
                                extensions: document.extensions)
        walker.collect()
        walker.rewrite()
        // Our own injected HTML (heading ids, table wrappers) needs the unsafe renderer; user raw HTML
        // has already been turned into text by `rewrite()` unless the site allows it.
        let html = TreeWalker.renderHTML(document.root, options: cmarkOptions | CMARK_OPT_UNSAFE,
                                         extensions: document.extensions)
        let columns = ColumnMap(markdown)
        return RenderedMarkdown(
            html: html,
            headings: walker.headings.map { var h = $0; h.position = columns.characterPosition(h.position); return h },
            links: walker.links.map { var l = $0; l.position = columns.characterPosition(l.position); return l },
            escapedRawHTML: options.allowRawHTML ? [] : walker.rawHTMLPositions.map(columns.characterPosition),
            firstOrderedListItemCount: walker.firstOrderedListItemCount
        )
    }

    /// cmark counts columns in bytes; editors, YAML errors and GitHub count characters.
    struct ColumnMap {
        let bytes: [UInt8]
        /// Byte offset where each line starts.
        let lineStarts: [Int]

        init(_ text: String) {
            bytes = Array(text.utf8)
            var starts = [0]
            for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
            lineStarts = starts
        }

        /// Counts scalars (not continuation bytes) between the line start and cmark's byte column.
        func characterPosition(_ p: RenderedMarkdown.Position) -> RenderedMarkdown.Position {
            guard p.line >= 1, p.line <= lineStarts.count else { return p }
            let start = lineStarts[p.line - 1]
            let end = min(start + max(0, p.column - 1), bytes.count)
            var scalars = 0
            for i in start..<end where bytes[i] & 0xC0 != 0x80 { scalars += 1 }
            return .init(line: p.line, column: scalars + 1)
        }
    }

    private struct ParsedDocument {
        let root: OpaquePointer
        let extensions: UnsafeMutablePointer<cmark_llist>?
    }

    private static func parse(_ markdown: String, options: Int32) -> ParsedDocument {
        parseLock.withLock { registered in
            if !registered {
                cmark_gfm_core_extensions_ensure_registered()
                registered = true
            }
            let parser = cmark_parser_new(options)!
            defer { cmark_parser_free(parser) }
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            var utf8 = markdown.utf8CString
            utf8.withUnsafeMutableBufferPointer { buffer in
                cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
            }
            let root = cmark_parser_finish(parser)!
            // The extension list belongs to the parser; keep our own copy for rendering.
            var list: UnsafeMutablePointer<cmark_llist>? = nil
            let mem = cmark_get_default_mem_allocator()
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) {
                    list = cmark_llist_append(mem, list, UnsafeMutableRawPointer(ext))
                }
            }
            return ParsedDocument(root: root, extensions: list)
        }
    }
}
