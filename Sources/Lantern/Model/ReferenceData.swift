/// A name in both languages, English falling back to Vietnamese.
public struct LocalizedText: Sendable, Hashable {
    public var vi: String
    public var en: String?
    public init(vi: String, en: String? = nil) { self.vi = vi; self.en = en }
    public func callAsFunction(_ language: Language) -> String { language == .en ? (en ?? vi) : vi }
}

/// A guide topic (`data/topics.yml`).
public struct Topic: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var description: LocalizedText
}

/// One of the movement's models (`data/models.yml`): Grassroots Digital Citizen, Digital Market…
public struct MovementModel: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var description: LocalizedText
}

/// A ward, commune or the province level (`data/localities.yml`).
public struct Locality: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable { case ward, commune, province }
    public struct Help: Sendable, Hashable {
        public var team: String
        public var place: String
        public var hours: String
        public var phone: String
    }
    public var id: String
    public var name: LocalizedText
    public var kind: Kind
    public var help: Help
    public var sampleContact: Bool
    public var location: SourceLocation
}

/// A movement target (`data/targets.yml`).
public struct Indicator: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// Target percentage, 0–100.
    public var target: Int
}

public struct Targets: Sendable, Hashable {
    public var deadline: LocalDate?
    public var indicators: [Indicator]
    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }
}

/// Everything in `content/data/`.
public struct ReferenceData: Sendable {
    public var topics: [Topic] = []
    public var models: [MovementModel] = []
    public var localities: [Locality] = []
    public var targets = Targets(deadline: nil, indicators: [])

    public func topic(_ id: String) -> Topic? { topics.first { $0.id == id } }
    public func model(_ id: String) -> MovementModel? { models.first { $0.id == id } }
    public func locality(_ id: String) -> Locality? { localities.first { $0.id == id } }
}
