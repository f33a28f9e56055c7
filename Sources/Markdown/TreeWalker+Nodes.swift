import CCmarkGFM

/// Reading nodes and changing the tree. Every node taken out goes to `detached`, never straight to
/// `cmark_node_free` (see the ownership note on `TreeWalker`).
extension TreeWalker {
    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func position(_ node: OpaquePointer) -> RenderedMarkdown.Position {
        .init(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    /// The plain text inside a node (heading text, link text, image alt). Iterative, so deeply
    /// nested inlines cannot overflow a rendering thread's small stack.
    static func text(of node: OpaquePointer) -> String {
        var text = ""
        let iter = cmark_iter_new(node)!
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let c = cmark_iter_get_node(iter), c != node else { continue }
            let type = cmark_node_get_type(c)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += literal(c)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }

    /// Puts `new` where `old` was and keeps `old` for `release()`.
    mutating func swap(_ old: OpaquePointer, for new: OpaquePointer) {
        if cmark_node_replace(old, new) == 0 {
            // Not possible for the node kinds swapped here; if it were, drop the old node (it may be
            // raw HTML or an unsafe link) rather than leave it on the page.
            cmark_node_free(new)
            cmark_node_unlink(old)
        }
        detached.append(old)
    }

    mutating func replace(_ node: OpaquePointer, withHTMLBlock html: String) {
        let block = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
        cmark_node_set_literal(block, html + "\n")
        swap(node, for: block)
    }

    static func insert(html: String, before node: OpaquePointer) {
        let block = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
        cmark_node_set_literal(block, html + "\n")
        if cmark_node_insert_before(node, block) == 0 { cmark_node_free(block) }
    }

    static func insert(html: String, after node: OpaquePointer) {
        let block = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
        cmark_node_set_literal(block, html + "\n")
        if cmark_node_insert_after(node, block) == 0 { cmark_node_free(block) }
    }

    /// Raw HTML the site does not allow is shown as text, never dropped silently.
    mutating func escape(_ node: OpaquePointer) {
        var source = Self.literal(node)
        while source.last == "\n" { source.removeLast() }
        let text = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(text, source)
        if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            cmark_node_append_child(paragraph, text)
            swap(node, for: paragraph)
        } else {
            swap(node, for: text)
        }
    }

    /// An unsafe link becomes its text: the children move out in front of it, the link goes.
    mutating func unwrap(_ link: OpaquePointer) {
        while let child = cmark_node_first_child(link) {
            if cmark_node_insert_before(link, child) == 0 { break }
        }
        cmark_node_unlink(link)
        detached.append(link)
    }

    /// An unsafe image becomes its alt text.
    mutating func replaceWithAltText(_ image: OpaquePointer) {
        let text = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(text, Self.text(of: image))
        swap(image, for: text)
    }
}
