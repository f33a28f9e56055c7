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
                let yaml = String(decoding: bytes[yamlStart..<cursor], as: UTF8.self)
                let body = current.next <= bytes.count ? String(decoding: bytes[current.next...], as: UTF8.self) : ""
                return FrontMatter(yaml: yaml.replacingOccurrences(of: "\r\n", with: "\n"), yamlLine: 2,
                                   body: body.contains("\r") ? body.replacingOccurrences(of: "\r\n", with: "\n") : body,
                                   bodyLine: lineNumber + 1)
            }
            cursor = current.next
            lineNumber += 1
            if current.next == bytes.count && (bytes.last != 10) { break }
        }
        throw .unclosed(openingLine: 1)
    }
}
