import CCmarkGFM
import Foundation

/// Walks a parsed cmark tree: collects headings, links and text, then rewrites the few nodes whose
/// HTML we want to shape (headings get ids; raw HTML becomes text unless allowed; unsafe links and
/// images lose their address; tables scroll).
///
/// Ownership: `collect()` keeps pointers to nodes anywhere in the tree, so `rewrite()` must never
/// free a node while a collected node may still sit inside it. Two rules make that hold:
/// 1. rewrites run innermost first — raw HTML (always a leaf), then links and images from the last
///    to the first (an image may hold a link in its alt text, a link may hold an image), then
///    headings (which hold inlines only), then tables (only wrapped, never replaced);
/// 2. a node taken out of the tree is not freed until `release()`, after the HTML is rendered, so
///    even a mistake in that order cannot touch freed memory.
struct TreeWalker {
    let root: OpaquePointer
    let options: MarkdownOptions
    let cmarkOptions: Int32
    let extensions: UnsafeMutablePointer<cmark_llist>?

    var headings: [RenderedMarkdown.Heading] = []
    var links: [RenderedMarkdown.Link] = []
    var unsafeURLs: [RenderedMarkdown.UnsafeURL] = []
    var rawHTMLPositions: [RenderedMarkdown.Position] = []
    var firstOrderedListItemCount = 0
    private var headingNodes: [OpaquePointer] = []
    private var rawHTMLNodes: [OpaquePointer] = []
    /// Links and images whose address was refused, with whether each is an image, in document order.
    private var unsafeLinkNodes: [(node: OpaquePointer, isImage: Bool)] = []
    private var tableNodes: [OpaquePointer] = []
    /// Nodes taken out of the tree; freed by `release()`.
    var detached: [OpaquePointer] = []

    init(root: OpaquePointer, options: MarkdownOptions, cmarkOptions: Int32,
         extensions: UnsafeMutablePointer<cmark_llist>?) {
        self.root = root
        self.options = options
        self.cmarkOptions = cmarkOptions
        self.extensions = extensions
    }

    mutating func collect() {
        var uniquer = Slug.Uniquer()
        let iter = cmark_iter_new(root)!
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_HEADING:
                let text = Self.text(of: node)
                let level = Int(cmark_node_get_heading_level(node))
                headings.append(.init(level: level, text: text, id: uniquer.unique(Slug.make(text)),
                                      position: Self.position(node)))
                headingNodes.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let isImage = type == CMARK_NODE_IMAGE
                let text = Self.text(of: node)
                if case .unsafe(let reason) = URLSafety.check(url) {
                    unsafeURLs.append(.init(url: url, text: text, isImage: isImage, reason: reason,
                                            position: Self.position(node)))
                    unsafeLinkNodes.append((node, isImage))
                } else {
                    links.append(.init(url: url, text: text, isImage: isImage, position: Self.position(node)))
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                rawHTMLPositions.append(Self.position(node))
                rawHTMLNodes.append(node)
            case CMARK_NODE_LIST:
                if firstOrderedListItemCount == 0 && cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
                    var count = 0
                    var child = cmark_node_first_child(node)
                    while let c = child { count += 1; child = cmark_node_next(c) }
                    firstOrderedListItemCount = count
                }
            default:
                // Extension node types are numbered at run time; compare the name without copying it.
                if let name = cmark_node_get_type_string(node), strcmp(name, "table") == 0 {
                    tableNodes.append(node)
                }
            }
        }
    }

    mutating func rewrite() {
        if !options.allowRawHTML {
            for node in rawHTMLNodes { escape(node) }
        }
        for (node, isImage) in unsafeLinkNodes.reversed() {
            if isImage { replaceWithAltText(node) } else { unwrap(node) }
        }
        for (node, heading) in zip(headingNodes, headings) {
            // Render the heading alone, then re-emit it with its id as an HTML block.
            let html = Self.renderHTML(node, options: cmarkOptions | CMARK_OPT_UNSAFE, extensions: extensions)
            let open = "<h\(heading.level)>"
            var inner = Substring(html)
            if inner.hasPrefix(open) { inner = inner.dropFirst(open.count) }
            while inner.last == "\n" { inner = inner.dropLast() }
            let close = "</h\(heading.level)>"
            if inner.hasSuffix(close) { inner = inner.dropLast(close.count) }
            let replacement = "<h\(heading.level) id=\"\(heading.id)\">\(inner)</h\(heading.level)>"
            replace(node, withHTMLBlock: replacement)
        }
        if options.scrollableTables {
            for table in tableNodes {
                Self.insert(html: "<div class=\"table-scroll\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\">",
                            before: table)
                Self.insert(html: "</div>", after: table)
            }
        }
    }

    /// Frees the nodes `rewrite()` took out of the tree. Call once, after rendering.
    mutating func release() {
        for node in detached { cmark_node_free(node) }
        detached = []
    }

    static func renderHTML(_ node: OpaquePointer, options: Int32,
                           extensions: UnsafeMutablePointer<cmark_llist>?) -> String {
        guard let cString = cmark_render_html(node, options, extensions) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }
}
