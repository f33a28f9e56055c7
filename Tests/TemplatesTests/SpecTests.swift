import Foundation
import Testing
@testable import Templates

/// The official Mustache specification (github.com/mustache/spec, `specs/*.json`, MIT licence in
/// `spec/LICENSE`), run case by case. The files are read from the source tree rather than bundled
/// as resources, so the suite needs no resource processing.
struct SpecTests {
    @Test(arguments: SpecCase.load("comments")) func comments(_ test: SpecCase) throws { try test.run() }
    @Test(arguments: SpecCase.load("interpolation")) func interpolation(_ test: SpecCase) throws { try test.run() }
    @Test(arguments: SpecCase.load("sections")) func sections(_ test: SpecCase) throws { try test.run() }
    @Test(arguments: SpecCase.load("inverted")) func inverted(_ test: SpecCase) throws { try test.run() }
    @Test(arguments: SpecCase.load("partials")) func partials(_ test: SpecCase) throws { try test.run() }
    @Test(arguments: SpecCase.load("~inheritance")) func inheritance(_ test: SpecCase) throws { try test.run() }

    /// Refused by design: one tag syntax everywhere keeps templates readable and the scanner simple.
    /// Each case must fail with the engine's "not supported" error.
    @Test("delimiters: refused by design, `{{=` is not supported", arguments: SpecCase.load("delimiters"))
    func delimiters(_ test: SpecCase) {
        #expect(test.refusal()?.contains("changing the tag delimiters (`{{=`) is not supported") == true)
    }

    /// Refused by design: every partial a template uses is known when templates load, so missing
    /// templates and cycles are found before rendering.
    @Test("dynamic names: refused by design, `{{>*name}}` is not supported", arguments: SpecCase.load("~dynamic-names"))
    func dynamicNames(_ test: SpecCase) {
        #expect(test.refusal()?.contains("dynamic partials (`{{>*name}}`) are not supported") == true)
    }

    /// Absent by design: templates are logic-less and views hand them finished values.
    @Test(.disabled("lambdas are not supported by design: views compute every value before rendering"),
          arguments: SpecCase.load("~lambdas"))
    func lambdas(_ test: SpecCase) throws { try test.run() }

    @Test func everyFileIsVendored() {
        let counts = ["comments": 12, "interpolation": 42, "sections": 34, "inverted": 22, "partials": 12,
                      "~inheritance": 27, "delimiters": 14, "~dynamic-names": 21, "~lambdas": 10]
        for (file, count) in counts { #expect(SpecCase.load(file).count == count, "\(file)") }
    }
}

/// One case of a specification file.
struct SpecCase: Sendable, CustomTestStringConvertible {
    var file: String
    var name: String
    var data: SpecValue
    var template: String
    var partials: [String: String]
    var expected: String

    var testDescription: String { "\(file): \(name)" }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("spec")

    static func load(_ file: String) -> [SpecCase] {
        struct File: Decodable { var tests: [Case] }
        struct Case: Decodable {
            var name: String, data: SpecValue, template: String, expected: String, partials: [String: String]?
        }
        do {
            let data = try Data(contentsOf: folder.appendingPathComponent("\(file).json"))
            return try JSONDecoder().decode(File.self, from: data).tests.map {
                SpecCase(file: file, name: $0.name, data: $0.data, template: $0.template,
                         partials: $0.partials ?? [:], expected: $0.expected)
            }
        } catch {
            Issue.record("cannot read spec/\(file).json: \(error)")
            return []
        }
    }

    func library() throws(TemplateSyntaxError) -> TemplateLibrary {
        var library = TemplateLibrary()
        library.register(try Template(template), named: "test")
        for (name, text) in partials.sorted(by: { $0.key < $1.key }) {
            library.register(try Template(text), named: name)
        }
        return library
    }

    func run() throws {
        let output = try #require(try library().render("test", data))
        #expect(output == expected, "\(file): \(name)")
    }

    /// The message of the syntax error the case's templates are refused with.
    func refusal() -> String? {
        do { _ = try library(); return nil } catch { return error.message }
    }
}

/// JSON data of a case, as a template value.
enum SpecValue: Sendable, Decodable, TemplateValue {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case list([SpecValue]), object([String: SpecValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let l = try? c.decode([SpecValue].self) { self = .list(l) }
        else { self = .object(try c.decode([String: SpecValue].self)) }
    }

    func child(named name: String) -> (any TemplateValue)? {
        if case .object(let o) = self { return o[name] }
        return nil
    }

    var section: TemplateSection {
        switch self {
        case .null: .condition(false)
        case .bool(let b): .condition(b)
        case .list(let l): .list(l)
        default: .push
        }
    }

    var text: String {
        switch self {
        case .null, .list, .object: ""
        case .bool(let b): b.text
        case .int(let i): i.text
        case .double(let d): d.text
        case .string(let s): s
        }
    }
}
