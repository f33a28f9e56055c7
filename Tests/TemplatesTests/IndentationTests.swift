import Testing
@testable import Templates

/// Where a partial's or a block's indentation goes: on the lines of template text, never into
/// the values those lines show (issue 16).
struct IndentationTests {
    func render(_ name: String, _ templates: [String: String], _ context: TemplateObject = [:]) throws -> String {
        var library = TemplateLibrary()
        for (name, text) in templates { library.register(try Template(text), named: name) }
        return try #require(library.render(name, context))
    }

    @Test func indentedPartialDoesNotShiftAMultiLineValue() throws {
        let templates = ["page": "<main>\n  {{> code}}\n</main>\n",
                         "code": "<pre>{{{source}}}</pre>\n<p>{{caption}}</p>\n"]
        let context: TemplateObject = ["source": "let a = 1\nlet b = 2\n  indented", "caption": "two\nlines"]
        #expect(try render("page", templates, context)
                == "<main>\n  <pre>let a = 1\nlet b = 2\n  indented</pre>\n  <p>two\nlines</p>\n</main>\n")
    }

    @Test func indentationAddsUpAndSkipsBlankLines() throws {
        let templates = ["page": "<ul>\n  {{> item}}\n</ul>\n",
                         "item": "<li>\n\n  {{> label}}\n</li>\n",
                         "label": "{{#items}}\n<b>{{.}}</b>\n{{/items}}\n"]
        #expect(try render("page", templates, ["items": ["a", "b"]])
                == "<ul>\n  <li>\n\n    <b>a</b>\n    <b>b</b>\n  </li>\n</ul>\n")
    }

    @Test func aParentAndItsBlocksOnOneLineStandAlone() throws {
        let templates = ["page": "{{<layout}}{{$main}}\n<p>{{text}}</p>\n{{/main}}{{/layout}}\n",
                         "layout": "<main>\n{{$main}}\n{{/main}}\n</main>\n"]
        #expect(try render("page", templates, ["text": "x"]) == "<main>\n<p>x</p>\n</main>\n")
        // An empty parent on one line disappears with its line.
        #expect(try render("empty", ["empty": "a\n  {{<layout}}{{/layout}}\nb\n", "layout": "{{$main}}\n{{/main}}\n"]) == "a\nb\n")
    }

    /// The page indents its block by 2, the layout places it at 4: its lines move by 2, values stay.
    @Test func blocksAreReindentedWhereTheParentPlacesThem() throws {
        let templates = ["page": "{{<layout}}\n{{$main}}\n  <h1>{{title}}</h1>\n    <pre>{{{code}}}</pre>\n{{/main}}\n{{/layout}}\n",
                         "layout": "<body>\n  <main>\n    {{$main}}\n    {{/main}}\n  </main>\n</body>\n"]
        #expect(try render("page", templates, ["title": "T", "code": "a\nb"])
                == "<body>\n  <main>\n    <h1>T</h1>\n      <pre>a\nb</pre>\n  </main>\n</body>\n")
        // A default is placed with its own indentation.
        #expect(try render("layout", templates) == "<body>\n  <main>\n  </main>\n</body>\n")
        let withDefault = ["layout": "<main>\n{{$main}}\n  <p>default</p>\n{{/main}}\n</main>\n"]
        #expect(try render("layout", withDefault) == "<main>\n  <p>default</p>\n</main>\n")
    }
}
