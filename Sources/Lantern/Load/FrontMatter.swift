/// Splits a Markdown file into its `---` YAML front matter and its body, remembering line numbers
/// so that errors in either point into the `.md` file.
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
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        if text.allSatisfy({ $0.isWhitespace }) { throw .empty }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingCR == "---" else { throw .missingOpening }
        guard let closing = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingCR == "---" || $0.trimmingTrailingCR == "..." }) else {
            throw .unclosed(openingLine: 1)
        }
        let yaml = lines[1..<closing].map { String($0.trimmingTrailingCR) }.joined(separator: "\n")
        let body = lines[(closing + 1)...].map { String($0.trimmingTrailingCR) }.joined(separator: "\n")
        return FrontMatter(yaml: yaml, yamlLine: 2, body: body, bodyLine: closing + 2)
    }
}

extension Substring {
    var trimmingTrailingCR: Substring { hasSuffix("\r") ? dropLast() : self }
}
