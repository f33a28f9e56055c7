import Foundation
import FuzzSupport
import Markdown

/// libFuzzer target: any bytes as a page body, rendered the way Lantern renders it (raw HTML off,
/// then on with smart punctuation). Finds crashes, hangs and memory errors in the cmark-gfm
/// wrapper (heading ids, raw-HTML escaping, table wrappers, position mapping).
func fuzzMarkdown(_ data: Data) {
    // Lantern only renders valid UTF-8 (invalid files are refused at load), so decode as it would.
    let text = String(decoding: data, as: UTF8.self)
    let safe = MarkdownRenderer.render(text)
    // With raw HTML off, the author's tags become text: no live tag may reach the page.
    let lowered = safe.html.lowercased()
    for tag in ["<script", "<iframe", "<object", "<embed", "<svg", "<style", "<form"] where lowered.contains(tag) {
        fail("raw HTML off, yet the output has a live \(tag) tag:\n\(safe.html)", input: data)
    }
    for heading in safe.headings where heading.id.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "&" }) {
        fail("heading id \(heading.id.debugDescription) would break out of its attribute", input: data)
    }
    _ = MarkdownRenderer.render(text, options: MarkdownOptions(allowRawHTML: true, smartPunctuation: true, scrollableTables: false))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzMarkdown(Data(bytes: bytes, count: size))
    return 0
}

#if !FUZZING
@main
struct Replay {
    static func main() { replay(Array(CommandLine.arguments.dropFirst()), fuzzMarkdown) }
}
#endif
