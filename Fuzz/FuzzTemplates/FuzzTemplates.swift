import Foundation
import FuzzSupport
import Templates

/// libFuzzer target: the input is a main template followed by partials, each introduced by a line
/// `==== name` (e.g. `{{> card}}` … `\n==== card\n<li>{{title}}</li>`). Every part is parsed;
/// those that parse are registered and the main one is rendered with a small fixed context.
func fuzzTemplates(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    var library = TemplateLibrary()
    var references: [String: [String]] = [:]
    for (name, source) in parts(of: text) {
        guard let template = try? Template(source) else { continue }
        library.register(template, named: name)
        references[name] = template.references.map(\.name)
    }
    // Lantern refuses templates whose partials or parents form a cycle before it renders
    // (issue 11); rendering one would recurse until the stack runs out, a known finding.
    guard !hasCycle(references) else { return }
    _ = library.render("main", context)
}

/// `main` and the partials after it, split at lines that start with `==== `.
func parts(of text: String) -> [(String, String)] {
    var result: [(String, String)] = []
    var name = "main"
    var current: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("==== ") {
            result.append((name, current.joined(separator: "\n")))
            name = String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            current = []
        } else {
            current.append(line)
        }
    }
    result.append((name, current.joined(separator: "\n")))
    return result
}

func hasCycle(_ references: [String: [String]]) -> Bool {
    var state: [String: Bool] = [:]  // false: on the current path; true: done
    func visit(_ name: String) -> Bool {
        if let done = state[name] { return !done }
        state[name] = false
        for next in references[name] ?? [] where visit(next) { return true }
        state[name] = true
        return false
    }
    return references.keys.contains { visit($0) }
}

/// Names the site's templates use, with text that needs escaping, flags, lists and nesting.
nonisolated(unsafe) let context: TemplateObject = {
    let item: (Int) -> TemplateObject = { i in
        ["title": "Bài \(i) <b>&</b> \"trích\"", "url": "/huong-dan/bai-\(i)/", "summary": "Tóm tắt \(i)",
         "current": i == 1, "count": i, "tags": ["vneid", "<x>"]]
    }
    let items: [TemplateObject] = (1...3).map(item)
    return [
        "title": "Trang <thử> & 'nghiệm'", "summary": "Tóm tắt", "url": "/", "lang": "vi", "name": "Lantern",
        "body": "<p>Nội dung đã dựng</p>", "items": items, "pages": items, "has_items": true, "cancelled": false,
        "empty": [String](), "count": 3, "percent": 42.5, "today": "2026-11-24", "label": "{{title}}",
        "pagination": ["prev": "/trang/1/", "next": "/trang/3/"] as TemplateObject,
        "s": ["target": "Mục tiêu", "people": "người", "empty_list": "Chưa có gì"] as TemplateObject,
        "help": ["place": "Nhà văn hoá", "phone": "0000 000 000", "hours": nil as String?] as TemplateObject,
    ]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzTemplates(Data(bytes: bytes, count: size))
    return 0
}

#if !FUZZING
@main
struct Replay {
    static func main() { replay(Array(CommandLine.arguments.dropFirst()), fuzzTemplates) }
}
#endif
