import CCmarkGFM
import Foundation

/// Walks a parsed cmark tree: collects headings, links and text, then rewrites the few nodes whose
/// HTML we want to shape (headings get ids; raw HTML becomes text unless allowed; tables scroll).
struct TreeWalker {
    let root: OpaquePointer
    let options: MarkdownOptions
    let cmarkOptions: Int32
    let extensions: UnsafeMutablePointer<cmark_llist>?

    var headings: [RenderedMarkdown.Heading] = []
    var links: [RenderedMarkdown.Link] = []
    var rawHTMLPositions: [RenderedMarkdown.Position] = []
    var firstOrderedListItemCount = 0
    private var headingNodes: [OpaquePointer] = []
    private var rawHTMLNodes: [OpaquePointer] = []
    private var tableNodes: [OpaquePointer] = []

    init(root: OpaquePointer, options: MarkdownOptions, cmarkOptions: Int32,
         extensions: UnsafeMutablePointer<cmark_llist>?) {
        self.root = root
        self.options = options
        self.cmarkOptions = cmarkOptions
        self.extensions = extensions
    }

    mutating func collect() {
        var uniquer = Slug.Uniquer()
        let tableType = cmark_find_syntax_extension("table").map { _ in "table" }
        let iter = cmark_iter_new(root)!
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT { continue }
            switch type {
            case CMARK_NODE_HEADING:
                let text = Self.text(of: node)
                let level = Int(cmark_node_get_heading_level(node))
                headings.append(.init(level: level, text: text, id: uniquer.unique(Slug.make(text)),
                                      position: Self.position(node)))
                headingNodes.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                links.append(.init(url: url, text: Self.text(of: node), isImage: type == CMARK_NODE_IMAGE,
                                   position: Self.position(node)))
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
                if tableType != nil, String(cString: cmark_node_get_type_string(node)) == "table" {
                    tableNodes.append(node)
                }
            }
        }
    }

    mutating func rewrite() {
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
            Self.replace(node, withHTMLBlock: replacement)
        }
        if !options.allowRawHTML {
            for node in rawHTMLNodes { Self.escape(node) }
        }
        if options.scrollableTables {
            for table in tableNodes {
                Self.insert(html: "<div class=\"table-scroll\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\">",
                            before: table)
                Self.insert(html: "</div>", after: table)
            }
        }
    }

    static func renderHTML(_ node: OpaquePointer, options: Int32,
                           extensions: UnsafeMutablePointer<cmark_llist>?) -> String {
        guard let cString = cmark_render_html(node, options, extensions) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }

    // MARK: - Node helpers

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func position(_ node: OpaquePointer) -> RenderedMarkdown.Position {
        .init(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    /// The plain text inside a node (heading text, link text, image alt).
    static func text(of node: OpaquePointer) -> String {
        var parts: [String] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            let type = cmark_node_get_type(c)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                parts.append(literal(c))
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                parts.append(" ")
            } else {
                parts.append(text(of: c))
            }
            child = cmark_node_next(c)
        }
        return parts.joined()
    }

    private static func replace(_ node: OpaquePointer, withHTMLBlock html: String) {
        let block = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
        cmark_node_set_literal(block, html + "\n")
        cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    private static func insert(html: String, before node: OpaquePointer) {
        let block = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
        cmark_node_set_literal(block, html + "\n")
        cmark_node_insert_before(node, block)
    }

    private static func insert(html: String, after node: OpaquePointer) {
        let block = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
        cmark_node_set_literal(block, html + "\n")
        cmark_node_insert_after(node, block)
    }

    /// Raw HTML the site does not allow is shown as text, never dropped silently.
    private static func escape(_ node: OpaquePointer) {
        var source = literal(node)
        while source.last == "\n" { source.removeLast() }
        let text = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(text, source)
        if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            cmark_node_append_child(paragraph, text)
            cmark_node_replace(node, paragraph)
        } else {
            cmark_node_replace(node, text)
        }
        cmark_node_free(node)
    }
}
