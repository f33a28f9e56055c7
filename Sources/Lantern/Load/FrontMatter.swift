/// Splits a Markdown file into its `---` YAML front matter and its body, remembering line numbers
/// so that errors in either point into the `.md` file. Works on UTF-8 bytes: the body is sliced,
/// never split into lines.
struct FrontMatter {
    var yaml: String
    /// File line of the first YAML line (the line after the opening `---`).
    var yamlLine: Int
    var body: String
    /// File line of the body's first line.
    var bodyLine: Int

    enum Problem: Error, Equatable {
        case empty
        case missingOpening
        case unclosed(openingLine: Int)
    }

    static func split(_ text: String) throws(Problem) -> FrontMatter {
        let bytes = Array(text.utf8)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if bytes[start...].allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) { throw .empty }

        /// The line starting at `i`: its end (exclusive, without CR/LF) and the next line's start.
        func line(at i: Int) -> (content: ArraySlice<UInt8>, next: Int) {
            var end = i
            while end < bytes.count && bytes[end] != 10 { end += 1 }
            var contentEnd = end
            if contentEnd > i && bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
            return (bytes[i..<contentEnd], min(end + 1, bytes.count))
        }
        let dashes: [UInt8] = [45, 45, 45], dots: [UInt8] = [46, 46, 46]
        let first = line(at: start)
        guard first.content.elementsEqual(dashes) else { throw .missingOpening }
        var lineNumber = 2
        var cursor = first.next
        let yamlStart = cursor
        while cursor < bytes.count {
            let current = line(at: cursor)
            if current.content.elementsEqual(dashes) || current.content.elementsEqual(dots) {
                return FrontMatter(yaml: withoutCR(bytes[yamlStart..<cursor]), yamlLine: 2,
                                   body: withoutCR(bytes[min(current.next, bytes.count)...]), bodyLine: lineNumber + 1)
            }
            cursor = current.next
            lineNumber += 1
            if current.next == bytes.count && (bytes.last != 10) { break }
        }
        throw .unclosed(openingLine: 1)
    }

    /// The text with Windows line ends (CR LF) turned into LF; no copy when there are none.
    private static func withoutCR(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(13) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 13 && i + 1 < bytes.endIndex && bytes[i + 1] == 10 { i += 1; continue }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
