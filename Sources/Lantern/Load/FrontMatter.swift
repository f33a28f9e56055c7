import Foundation

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
        /// A `...` line (YAML's "end of document"): anything after it would be lost or shown as text.
        case dotsLine(line: Int)
    }

    static func split(_ text: String) throws(Problem) -> FrontMatter {
        var text = text
        // Byte offsets of the YAML and the body, found on the UTF-8 bytes in place.
        let found: Result<(yaml: Range<Int>, body: Int, bodyLine: Int, hasCR: Bool), Problem> = text.withUTF8 { bytes in
            var start = 0
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            if bytes[start...].allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) { return .failure(.empty) }
            let hasCR = memchr(bytes.baseAddress!, 13, bytes.count) != nil

            /// The line starting at `i`: its content (without CR/LF) and the next line's start.
            func line(at i: Int) -> (content: Slice<UnsafeBufferPointer<UInt8>>, next: Int) {
                var end = i
                if let nl = memchr(bytes.baseAddress! + i, 10, bytes.count - i) {
                    end = bytes.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                } else {
                    end = bytes.count
                }
                var contentEnd = end
                if contentEnd > i && bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
                return (bytes[i..<contentEnd], min(end + 1, bytes.count))
            }
            let dashes: [UInt8] = [45, 45, 45], dots: [UInt8] = [46, 46, 46]
            func isDotsLine(_ content: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
                guard content.starts(with: dots) else { return false }
                let rest = content.dropFirst(3)
                return rest.isEmpty || rest.first == 32 || rest.first == 9
            }
            let first = line(at: start)
            guard first.content.elementsEqual(dashes) else { return .failure(.missingOpening) }
            var lineNumber = 2
            var cursor = first.next
            let yamlStart = cursor
            while cursor < bytes.count {
                let current = line(at: cursor)
                if current.content.elementsEqual(dashes) {
                    return .success((yamlStart..<cursor, min(current.next, bytes.count), lineNumber + 1, hasCR))
                }
                if isDotsLine(current.content) { return .failure(.dotsLine(line: lineNumber)) }
                cursor = current.next
                lineNumber += 1
                if current.next == bytes.count && (bytes.last != 10) { break }
            }
            return .failure(.unclosed(openingLine: 1))
        }
        let parts = try found.get()
        // Slices of the (already valid) text: copied, not decoded again.
        let utf8 = text.utf8
        func slice(_ from: Int, _ to: Int) -> String {
            let s = String(text[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
            return parts.hasCR ? withoutCR(s) : s
        }
        return FrontMatter(yaml: slice(parts.yaml.lowerBound, parts.yaml.upperBound), yamlLine: 2,
                           body: slice(parts.body, utf8.count), bodyLine: parts.bodyLine)
    }

    /// The text with Windows line ends (CR LF) turned into LF; no copy when there are none.
    private static func withoutCR(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(13) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13 && i + 1 < bytes.count && bytes[i + 1] == 10 { i += 1; continue }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
