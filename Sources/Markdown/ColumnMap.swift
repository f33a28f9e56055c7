/// cmark counts columns in bytes; editors, YAML errors and GitHub count characters.
struct ColumnMap {
    private let bytes: [UInt8]
    /// Byte offset where each line starts.
    private let lineStarts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        lineStarts = starts
    }

    /// Converts many byte positions at once in one pass over the text, whatever their order: counting
    /// each position from its line start would be quadratic for a long line with many links on it.
    func characterPositions(_ positions: [RenderedMarkdown.Position]) -> [RenderedMarkdown.Position] {
        var out = positions
        let order = positions.indices.sorted {
            (positions[$0].line, positions[$0].column) < (positions[$1].line, positions[$1].column)
        }
        var line = 0, byte = 0, scalars = 0
        for index in order {
            let p = positions[index]
            guard p.line >= 1, p.line <= lineStarts.count else { continue }
            if p.line != line {
                line = p.line
                byte = lineStarts[line - 1]
                scalars = 0
            }
            let end = min(lineStarts[line - 1] + max(0, p.column - 1), bytes.count)
            while byte < end {
                if bytes[byte] & 0xC0 != 0x80 { scalars += 1 }
                byte += 1
            }
            out[index] = .init(line: p.line, column: scalars + 1)
        }
        return out
    }
}
