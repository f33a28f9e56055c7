import Foundation
import Testing
@testable import Templates

/// Templates written to crash or hang the engine (issue 11): each is a positioned error instead.
struct HostileTemplateTests {
    func library(_ templates: [String: String]) throws -> TemplateLibrary {
        var library = TemplateLibrary()
        for (name, text) in templates { library.register(try Template(text), named: name) }
        return library
    }

    func failure(_ source: String) -> TemplateSyntaxError? {
        do { _ = try Template(source); return nil } catch { return error }
    }

    let cycleHint = "remove this `card` tag, or move the part both need into a partial of its own."

    @Test func aPartialThatIncludesItselfIsACycle() throws {
        let library = try library(["page": "{{> card}}", "card": "<li>\n  {{> card}}\n</li>"])
        #expect(library.cycles() == [TemplateError(
            .cycle(chain: ["card", "card"]), template: "card", line: 2, column: 3,
            message: "the template `card` uses itself (card → card), so rendering it would never end", hint: cycleHint)])
    }

    @Test func partialsIncludingEachOtherAreACycle() throws {
        let library = try library(["page": "{{> card}}", "card": "<li>{{> footer}}</li>", "footer": "x\n{{#more}}{{> card}}{{/more}}"])
        #expect(library.cycles() == [TemplateError(
            .cycle(chain: ["card", "footer", "card"]), template: "footer", line: 2, column: 10,
            message: "templates use each other in a circle (card → footer → card), so rendering them would never end", hint: cycleHint)])
    }

    @Test func aLayoutThatInheritsFromItselfIsACycle() throws {
        let library = try library(["layout": "<html>\n{{<layout}}{{$main}}x{{/main}}{{/layout}}\n</html>", "page": "{{<layout}}{{/layout}}"])
        #expect(library.cycles().map(\.description)
                == ["layout:2:1: the template `layout` uses itself (layout → layout), so rendering it would never end"])
        #expect(try self.library(["page": "{{> a}}{{> a}}", "a": "{{<b}}{{/b}}", "b": "{{> c}}", "c": "c"]).cycles().isEmpty)
    }

    /// Unchecked recursion (a library nobody asked for `cycles()`) stops at a fixed depth.
    @Test func recursionWhileRenderingStopsWithAnError() throws {
        let library = try library(["page": "{{#items}}{{> page}}{{/items}}"])
        let rendering = try #require(library.render("page", ["items": [true]], strict: false))
        #expect(rendering.output == "")
        #expect(rendering.errors.map(\.description)
                == ["page:1:11: templates are nested more than 64 deep here while rendering `page`"])
    }

    /// Found by fuzzing: no reference cycle, yet each level renders the next twice (the page's
    /// block wins over the partial's own, and it includes the partial twice), 2⁶⁴ times at the
    /// depth limit. A rendering has a step and output budget and stops with an error at the tag.
    @Test func blocksThatMultiplyStopWithAnError() throws {
        let library = try library([
            "base": "<p>{{$main}}{{/main}}</p>",
            "page": "{{<base}}{{$main}}{{> twice}}{{> twice}}{{/main}}{{/base}}",
            "twice": "{{<base}}{{$main}}inner{{/main}}{{/base}}",
        ])
        #expect(library.cycles().isEmpty, "not a cycle in the references")
        let start = Date()
        let rendering = try #require(library.render("page", TemplateObject(), strict: false))
        #expect(Date().timeIntervalSince(start) < 30)
        let tooLarge = rendering.errors.filter { $0.kind == .tooLarge }
        #expect(tooLarge.count == 1)
        #expect(tooLarge.first?.description.contains(": rendering grew past 200000 steps or 8 MB here, so it was stopped") == true)
        #expect(tooLarge.first.map { ["page", "twice"].contains($0.template) } == true, "reported at a tag of the templates involved")
        #expect(rendering.output.utf8.count <= TemplateLibrary.maximumOutputBytes + 64 * 1024)
    }

    @Test func anUnclosedCommentIsAnError() {
        #expect(failure("<p>{{! note\n<h1>{{title}}</h1>\n") == TemplateSyntaxError(
            message: "the comment opened here is not closed before the next `{{` (line 2, column 5)", line: 1, column: 4,
            hint: "end the comment with `}}`; a comment cannot contain `{{`."))
        #expect(failure("a\nb {{! never closed }") == TemplateSyntaxError(
            message: "the comment opened here is never closed", line: 2, column: 3, hint: "end the comment with `}}`."))
        #expect(failure("{{! fine }}{{!\n  also fine\n}}") == nil)
    }

    @Test func nestingIsLimited() throws {
        let depth = Template.maximumNesting
        let allowed = String(repeating: "{{#a}}", count: depth) + "{{x}}" + String(repeating: "{{/a}}", count: depth)
        let rendered = try library(["page": allowed]).render("page", ["a": true, "x": "deep"])
        #expect(rendered == "deep")
        let tooDeep = "<p>\n" + String(repeating: "{{#a}}", count: depth + 1) + String(repeating: "{{/a}}", count: depth + 1)
        #expect(failure(tooDeep) == TemplateSyntaxError(
            message: "sections are nested more than 100 deep here", line: 2, column: 601,
            hint: "sections, inverted sections, parents and blocks may nest at most 100 deep; move inner parts into partials."))
        // The hostile case from the issue: found at the 101st opening, without walking the rest.
        let huge = String(repeating: "{{#a}}", count: 100_000) + String(repeating: "{{/a}}", count: 100_000)
        #expect(failure(huge)?.column == 601)
    }

    /// Parsing is linear: thousands of tags, and the position of an error after them, come out right.
    @Test func thousandsOfTagsParse() throws {
        let count = 5_000
        let source = String(repeating: "{{#items}}\n<li>{{name}} {{! note }}</li>\n{{/items}}\n", count: count)
        let items: [TemplateObject] = [["name": "a"], ["name": "b"]]
        let output = try #require(try library(["page": source]).render("page", ["items": items]))
        #expect(output == String(repeating: "<li>a </li>\n<li>b </li>\n", count: count))
        #expect(failure(source + "é {{#open}}") == TemplateSyntaxError(
            message: "the section `open` opened here is never closed", line: 3 * count + 1, column: 3,
            hint: "add `{{/open}}` where the section ends."))
    }
}
