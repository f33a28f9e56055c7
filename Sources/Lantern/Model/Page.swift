import Markdown

/// One Markdown page in one language, as loaded from `content/`.
public struct Page: Sendable {
    public enum Kind: String, Sendable, Hashable { case home, page, guide, story, event }

    public struct Guide: Sendable {
        public var topics: [String]
        public var audience: [String]
        public var level: String
        public var duration: Int
        public var needs: [String]
        public var updated: LocalDate
        public var featured: Bool
    }

    public struct Image: Sendable, Hashable {
        public var src: String
        public var alt: String
    }

    public struct Story: Sendable {
        public var model: String
        public var locality: String
        public var date: LocalDate
        public var author: String
        public var image: Image?
    }

    public struct Event: Sendable {
        public enum Status: String, Sendable, CaseIterable { case scheduled, cancelled, postponed }
        public enum Timing: Sendable, Hashable {
            case timed(start: LocalDateTime, end: LocalDateTime)
            case allDay(LocalDate)
        }
        public var timing: Timing
        public var locationName: String
        public var address: String
        public var locality: String
        public var organizer: String
        public var contact: String
        public var status: Status
        public var registration: String?

        /// Sort key and "upcoming" boundary: the start in Vietnam time.
        public var startDate: LocalDate {
            switch timing {
            case .timed(let start, _): return start.inVietnam.date
            case .allDay(let d): return d
            }
        }
        public var endDate: LocalDate {
            switch timing {
            case .timed(_, let end): return end.inVietnam.date
            case .allDay(let d): return d
            }
        }
        public var sortKey: Int {
            switch timing {
            case .timed(let start, _): return start.epochSeconds
            case .allDay(let d): return d.daysSinceEpoch * 86_400 - LocalDateTime.vietnamOffsetMinutes * 60
            }
        }
    }

    public enum Details: Sendable {
        case none
        case guide(Guide)
        case story(Story)
        case event(Event)
    }

    public var kind: Kind
    public var language: Language
    /// Path relative to the site folder.
    public var sourcePath: String
    /// Key shared by a page and its translations.
    public var translationKey: String
    public var slug: String
    public var url: String
    public var title: String
    public var summary: String
    public var draft: Bool
    public var aliases: [String]
    public var weight: Int
    public var illustrative: Bool
    public var details: Details
    /// The Markdown body and the file line it starts on.
    public var body: String
    public var bodyLine: Int
    /// An English file with an empty body: the body comes from the Vietnamese page, marked untranslated.
    public var bodyIsFallback: Bool = false
    public var rendered: RenderedMarkdown?

    public var section: Section? {
        switch kind {
        case .guide: return .guides
        case .story: return .stories
        case .event: return .events
        case .home, .page: return nil
        }
    }

    public var guide: Guide? { if case .guide(let g) = details { return g }; return nil }
    public var story: Story? { if case .story(let s) = details { return s }; return nil }
    public var event: Event? { if case .event(let e) = details { return e }; return nil }

    /// The date a page was last changed, for sitemaps and feeds.
    public var lastModified: LocalDate? {
        switch details {
        case .guide(let g): return g.updated
        case .story(let s): return s.date
        case .event(let e): return e.startDate
        case .none: return nil
        }
    }
}
