import CCmarkGFM
import Foundation

/// Markdown → HTML with libcmark-gfm and the GFM extensions (table, strikethrough, autolink,
/// tasklist, tagfilter). Safe to call from many threads at once.
public enum MarkdownRenderer {
    /// Debian's libcmark-gfm 0.29.0.gfm.6 keeps the inline parser's special-character table in one
    /// process-wide array: every parser adds its extensions' characters when it finishes a document
    /// and removes them afterwards. Two documents finishing at once therefore lose `~~strike~~` and
    /// bare-URL autolinks at random. Parsing is serialised here; rendering the tree to HTML (the
    /// larger half of the work) runs in parallel.
    /// An `NSLock` (a pthread mutex), not `Synchronization.Mutex`: on Linux the latter waits on a
    /// raw futex that ThreadSanitizer cannot see, so it reported the registration flag guarded by
    /// the lock as a data race.
    private static let parseLock = NSLock()
    nonisolated(unsafe) private static var registered = false

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
        defer { walker.release() }
        // Our own injected HTML (heading ids, table wrappers) needs the unsafe renderer; user raw HTML
        // has already been turned into text by `rewrite()` unless the site allows it, and every link
        // and image address left in the tree has passed `URLSafety`.
        let html = TreeWalker.renderHTML(document.root, options: cmarkOptions | CMARK_OPT_UNSAFE,
                                         extensions: document.extensions)

        // All positions are converted in one pass over the text (see `ColumnMap`).
        var positions = walker.headings.map(\.position) + walker.links.map(\.position)
            + walker.unsafeURLs.map(\.position)
        if !options.allowRawHTML { positions += walker.rawHTMLPositions }
        var converted = ColumnMap(markdown).characterPositions(positions)[...]
        func next() -> RenderedMarkdown.Position { converted.removeFirst() }
        return RenderedMarkdown(
            html: html,
            headings: walker.headings.map { var h = $0; h.position = next(); return h },
            links: walker.links.map { var l = $0; l.position = next(); return l },
            unsafeURLs: walker.unsafeURLs.map { var u = $0; u.position = next(); return u },
            escapedRawHTML: options.allowRawHTML ? [] : walker.rawHTMLPositions.map { _ in next() },
            firstOrderedListItemCount: walker.firstOrderedListItemCount
        )
    }

    private struct ParsedDocument {
        let root: OpaquePointer
        let extensions: UnsafeMutablePointer<cmark_llist>?
    }

    private static func parse(_ markdown: String, options: Int32) -> ParsedDocument {
        parseLock.withLock {
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
