extension String {
    /// The parts joined into a string that holds exactly their bytes. An interpolation or `+`
    /// grows its buffer as it goes and keeps the slack: ~30 bytes a string, for the addresses,
    /// keys and paths every page keeps (100 000 pages keep 300 000 of them).
    static func tight(_ parts: String...) -> String {
        var count = 0
        for part in parts { count += part.utf8.count }
        var out = String()
        out.reserveCapacity(count)
        for part in parts { out += part }
        return out
    }
}
