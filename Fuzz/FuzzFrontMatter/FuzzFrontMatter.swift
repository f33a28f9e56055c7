import Foundation
import FuzzSupport
import Lantern

/// libFuzzer target: any bytes as a content page (front matter and body), decoded as a guide, an
/// event, a story and a plain page of the sample site, through `Builder.reload` (the path
/// `lantern serve` takes when an author saves a page). Finds crashes, hangs and memory blow-ups in
/// the front matter split, the YAML parser and the field decoders, and errors without a position.
func fuzzFrontMatter(_ data: Data) {
    let paths = ["content/guides/fuzz.md", "content/events/fuzz.md", "content/stories/fuzz.md", "content/fuzz.md"]
    let fs = MemoryFileSystem(data: Dictionary(uniqueKeysWithValues: paths.map { ($0, data) }))
    let diagnostics = Diagnostics()
    let builder = Builder(fs: fs, options: BuildOptions(today: LocalDate(year: 2026, month: 11, day: 24)),
                          diagnostics: diagnostics)
    _ = builder.reload(sample, changed: paths)
    // Every problem must point into the page: a line of the file (or just after it), a column.
    // Lines as editors and Lantern count them: LF, CRLF and a lone CR each end a line.
    var lines = 1
    var previous: UInt8 = 0
    for byte in data {
        if byte == 13 || (byte == 10 && previous != 13) { lines += 1 }
        previous = byte
    }
    for diagnostic in diagnostics.sorted {
        let at = diagnostic.location
        if at.line < 1 || at.line > lines + 1 || at.column < 1 {
            fail("diagnostic outside the file (\(lines) lines): \(diagnostic.text)", input: data)
        }
        _ = diagnostic.githubAnnotation
    }
}

/// The sample site, loaded once: its site.yml and reference data (topics, localities…) stand around
/// the input. Its pages are dropped, so that each run decodes only the input's four pages.
let sample: Site = {
    var root = URL(fileURLWithPath: #filePath)
    while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
        root.deleteLastPathComponent()
    }
    let diagnostics = Diagnostics()
    let builder = Builder(fs: DiskFileSystem(root: root.path),
                          options: BuildOptions(today: LocalDate(year: 2026, month: 11, day: 24)), diagnostics: diagnostics)
    guard var site = builder.load(), diagnostics.errorCount == 0 else {
        fatalError("the sample site does not load: \(diagnostics.sorted.map(\.text))")
    }
    site.pages = []
    return site
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzFrontMatter(Data(bytes: bytes, count: size))
    return 0
}

#if !FUZZING
@main
struct Replay {
    static func main() { replay(Array(CommandLine.arguments.dropFirst()), fuzzFrontMatter) }
}
#endif
