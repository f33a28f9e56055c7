import Testing
@testable import Templates

/// Strict mode: a name the view does not have is an error at its tag, not a blank (issue 16).
struct StrictModeTests {
    let hint = "check the spelling against the values this page's view provides; a missing name would render as nothing."

    func rendering(_ name: String, _ templates: [String: String], _ context: TemplateObject) throws -> TemplateRendering {
        var library = TemplateLibrary()
        for (name, text) in templates { library.register(try Template(text), named: name) }
        let strict = try #require(library.render(name, context, strict: true))
        let lenient = try #require(library.render(name, context, strict: false))
        #expect(strict.output == lenient.output, "strict mode changes no output")
        #expect(lenient.errors.isEmpty)
        return strict
    }

    func unknown(_ template: String, _ line: Int, _ column: Int, _ message: String) -> TemplateError {
        TemplateError(.unknownName, template: template, line: line, column: column, message: message, hint: hint)
    }

    @Test func namesFoundNowhereAreErrors() throws {
        let source = "<h1>{{titel}}</h1>\n{{#evnts}}<li>{{name}}</li>{{/evnts}}\n  {{^evnts}}none{{/evnts}}{{{bodi}}}"
        let result = try rendering("page", ["page": source], ["title": "T"])
        #expect(result.output == "<h1></h1>\n\n  none")
        #expect(result.errors == [
            unknown("page", 1, 5, "`{{titel}}`: there is no value named `titel` here"),
            unknown("page", 2, 1, "`{{#evnts}}`: there is no value named `evnts` here"),
            unknown("page", 3, 3, "`{{^evnts}}`: there is no value named `evnts` here"),
            unknown("page", 3, 27, "`{{&bodi}}`: there is no value named `bodi` here"),
        ])
    }

    @Test func everyPartOfADottedNameMustExist() throws {
        let context: TemplateObject = ["page": ["title": "T", "date": String?.none] as TemplateObject, "off": false]
        let result = try rendering("page", ["page": "{{page.title}}{{pag.title}}\n{{page.titel}}{{page.date.day}}{{off.x}}"], context)
        #expect(result.output == "T\n")
        #expect(result.errors == [
            unknown("page", 1, 15, "`{{pag.title}}`: there is no value named `pag` here"),
            unknown("page", 2, 1, "`{{page.titel}}`: `page` has no value named `titel`"),
        ])
    }

    @Test func foundNamesAreNotErrors() throws {
        let context: TemplateObject = ["site": "S", "none": String?.none, "empty": [String](),
                                       "items": [["name": "a"], ["name": "b", "site": "own"]] as [TemplateObject]]
        let result = try rendering("page", ["page": "{{#items}}{{name}}{{site}}{{.}}{{/items}}{{none}}{{^empty}}-{{/empty}}{{#none}}{{x}}{{/none}}"], context)
        #expect(result.output == "aSbown-")
        #expect(result.errors.isEmpty)
    }

    @Test func errorsNameTheTemplateTheTagIsIn() throws {
        let templates = ["page": "{{<layout}}{{$main}}\n<p>{{summary}}</p>\n{{/main}}{{/layout}}",
                         "layout": "<title>{{site_title}}</title>\n{{$main}}{{/main}}\n{{> footer}}",
                         "footer": "{{#items}}\n  <small>{{copyright}}</small>\n{{/items}}\n{{> nowhere}}"]
        let result = try rendering("page", templates, ["items": ["a", "b"]])
        #expect(result.errors == [
            unknown("layout", 1, 8, "`{{site_title}}`: there is no value named `site_title` here"),
            unknown("page", 2, 4, "`{{summary}}`: there is no value named `summary` here"),
            unknown("footer", 2, 10, "`{{copyright}}`: there is no value named `copyright` here"),
            TemplateError(.missingTemplate, template: "footer", line: 4, column: 1,
                          message: "the template `nowhere` used here does not exist", hint: "create the template `nowhere`, or fix the name."),
        ])
        #expect(result.errors[0].description == "layout:1:8: `{{site_title}}`: there is no value named `site_title` here")
    }
}
