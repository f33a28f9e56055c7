/// A progress snapshot (`content/progress/<id>.yml`): counts per locality and indicator at a date.
public struct Snapshot: Sendable {
    public struct Count: Sendable, Hashable {
        public var total: Int
        public var reached: Int
        public var percent: Double { total == 0 ? 0 : Double(reached) * 100 / Double(total) }
    }
    public struct Row: Sendable {
        public var locality: String
        /// Indicator id → count.
        public var counts: [String: Count]
    }

    public var id: String
    public var source: String
    public var sourcePath: String
    public var asOf: LocalDate
    public var illustrative: Bool
    public var rows: [Row]

    /// Province-wide count for an indicator: the sum over localities that report it.
    public func total(_ indicator: String) -> Count? {
        let counts = rows.compactMap { $0.counts[indicator] }
        guard !counts.isEmpty else { return nil }
        return Count(total: counts.reduce(0) { $0 + $1.total }, reached: counts.reduce(0) { $0 + $1.reached })
    }
}
