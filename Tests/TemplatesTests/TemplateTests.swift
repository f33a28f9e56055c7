import Testing
@testable import Templates

/// Rendering rules, taken from the Mustache specification's cases (interpolation, sections,
/// inverted sections, comments, partials, inheritance) where Lantern's templates rely on them.
struct TemplateTests {
    func render(_ source: String, _ context: TemplateObject, partials: [String: String] = [:]) throws -> String {
        var library = TemplateLibrary()
        library.register(try Template(source), named: "main")
        for (name, text) in partials { library.register(try Template(text), named: name) }
        return try #require(library.render("main", context))
    }

    @Test func variablesAreEscapedUnlessTripled() throws {
        let context: TemplateObject = ["x": "<b>\"Tom\" & 'Jerry'</b>", "n": 3, "yes": true]
        #expect(try render("{{x}}|{{{x}}}|{{&x}}|{{n}}|{{yes}}|{{missing}}", context)
                == "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;|<b>\"Tom\" & 'Jerry'</b>|<b>\"Tom\" & 'Jerry'</b>|3|true|")
        #expect(try render("{{ x }}", ["x": "Bước 2: Đăng nhập"]) == "Bước 2: Đăng nhập")
    }

    @Test func dottedNamesAndContextStack() throws {
        let context: TemplateObject = ["a": ["b": ["c": "deep"] as TemplateObject] as TemplateObject, "top": "T",
                                       "items": [["name": "one"], ["name": "two", "top": "own"]] as [TemplateObject]]
        #expect(try render("{{a.b.c}}|{{a.x.c}}|{{#items}}{{name}}:{{top}} {{/items}}", context) == "deep||one:T two:own ")
        #expect(try render("{{#list}}[{{.}}]{{/list}}", ["list": ["x", "y"]]) == "[x][y]")
        // A dotted name is resolved from the first object that has its first part (no backtracking).
        #expect(try render("{{#a}}{{b.c}}{{/a}}", ["a": ["b": "text"] as TemplateObject, "b": ["c": "outer"] as TemplateObject]) == "")
    }

    @Test func sectionsFollowTheirValue() throws {
        let context: TemplateObject = ["t": true, "f": false, "empty": [String](), "obj": ["k": "v"] as TemplateObject,
                                       "s": "", "zero": 0, "none": String?.none]
        #expect(try render("{{#t}}T{{/t}}{{#f}}F{{/f}}{{#empty}}E{{/empty}}{{#obj}}{{k}}{{/obj}}{{#missing}}M{{/missing}}{{#none}}N{{/none}}", context) == "Tv")
        #expect(try render("{{^t}}T{{/t}}{{^f}}F{{/f}}{{^empty}}E{{/empty}}{{^obj}}O{{/obj}}{{^missing}}M{{/missing}}{{^none}}N{{/none}}", context) == "FEMN")
        // Text and numbers are present values, whatever they hold (as in the specification).
        #expect(try render("{{#s}}S{{/s}}{{#zero}}Z{{.}}{{/zero}}", context) == "SZ0")
    }

    @Test func standaloneLinesDisappear() throws {
        let source = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! comment }}\n</ul>\n"
        #expect(try render(source, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        // Not standalone: other content on the line keeps the whitespace.
        #expect(try render(" {{#t}}x{{/t}} \n", ["t": true]) == " x \n")
        #expect(try render("a\n{{#t}}\r\nb\r\n{{/t}}\r\nc", ["t": true]) == "a\nb\r\nc")
        // A variable alone on a line is not standalone.
        #expect(try render("  {{x}}\n", ["x": "v"]) == "  v\n")
    }

    @Test func partialsAreIndentedWhenStandalone() throws {
        let partials = ["item": "<li>{{name}}</li>\n<li>again</li>\n"]
        #expect(try render("<ul>\n  {{> item}}\n</ul>", ["name": "x"], partials: partials)
                == "<ul>\n  <li>x</li>\n  <li>again</li>\n</ul>")
        #expect(try render("[{{>item}}]", ["name": "y"], partials: ["item": "{{name}}"]) == "[y]")
        #expect(try render("[{{>nothing}}]", [:]) == "[]")
    }

    @Test func inheritanceOverridesBlocks() throws {
        let partials = ["base": "<title>{{$title}}Default{{/title}}</title>\n{{$main}}\nempty\n{{/main}}\n{{>footer}}",
                        "middle": "{{<base}}{{$title}}Middle{{/title}}{{$main}}middle main{{/main}}{{/base}}",
                        "footer": "<footer>{{$footer}}f{{/footer}}</footer>"]
        #expect(try render("{{<base}}\n{{$main}}\n<p>{{text}}</p>\n{{/main}}\n{{/base}}\n", ["text": "hi"], partials: partials)
                == "<title>Default</title>\n<p>hi</p>\n<footer>f</footer>")
        // Blocks given further out win; blocks reach into partials of the parent.
        #expect(try render("{{<middle}}{{$title}}Outer{{/title}}{{$footer}}F{{/footer}}{{/middle}}", [:], partials: partials)
                == "<title>Outer</title>\nmiddle main<footer>F</footer>")
    }

    @Test func syntaxErrorsNameTheTag() {
        func failure(_ source: String) -> TemplateSyntaxError? {
            do { _ = try Template(source); return nil } catch { return error }
        }
        #expect(failure("<p>\n{{#items}}\n<li>\n") == TemplateSyntaxError(message: "the section `items` opened here is never closed", line: 2, column: 1,
                                                                           hint: "add `{{/items}}` where the section ends."))
        #expect(failure("{{#a}}x{{/b}}")?.message.hasPrefix("a section is closed with a different name") == true)
        #expect(failure("{{#a}}x{{/b}}")?.column == 8)
        #expect(failure("ab\n  {{/a}}") == TemplateSyntaxError(message: "`{{/a}}` closes a section that was never opened", line: 2, column: 3,
                                                              hint: "remove it, or open the section before it with `{{#a}}`."))
        #expect(failure("é {{title") == TemplateSyntaxError(message: "a tag is not finished (missing `}}`)", line: 1, column: 3, hint: "end the tag with `}}`."))
        #expect(failure("{{{html}}") == TemplateSyntaxError(message: "a tag is not finished (missing `}}}`)", line: 1, column: 1, hint: "end the tag with `}}}`."))
        #expect(failure("{{}}")?.message == "a tag has no name")
        #expect(failure("{{<base}}<p>{{x}}</p>{{/base}}")?.message.hasPrefix("only `{{$block}}") == true)
        #expect(failure("{{=<% %>=}}")?.message.contains("not supported") == true)
    }

    @Test func referencesListPartialsAndParents() throws {
        let template = try Template("{{<base}}{{$main}}\n  {{> card}}\n{{/main}}{{/base}}")
        #expect(template.references.map(\.name) == ["base", "card"])
        #expect(template.references.map(\.line) == [1, 2])
        #expect(template.references.map(\.column) == [1, 3])
    }
}
