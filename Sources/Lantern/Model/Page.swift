import Markdown

/// One Markdown page in one language, as loaded from `content/`.
///
/// A class, so the site's indexes, lists and render jobs share one copy: as a struct, each of the
/// ~12 places that hold a page copied its kilobyte of fields (measured: 40 MB on 10 000 pages).
public final class Page: @unchecked Sendable {
    /// What a page is, derived from its details (`Page.kind`); where each kind's files live, its
    /// section and template are in one table (`Kind.info`).
    public enum Kind: String, Sendable, Hashable, CaseIterable { case home, page, guide, story, event }

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
        /// The image's site URL (resolved and checked at load: a file of this site).
        public var src: String
        public var alt: String
        /// Where `src` is written, for a missing file's error.
        public var location: SourceLocation
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

    /// The one statement of a page's type, with what that type has.
    public enum Details: Sendable {
        case home
        case page
        case guide(Guide)
        case story(Story)
        case event(Event)
    }

    /// Stored, not read from `details` when asked: switching over the enum copied its payload (a
    /// guide's or event's every field, retained and released), and lists ask every page's kind.
    public let kind: Kind

    private static func kind(of details: Details) -> Kind {
        switch details {
        case .home: return .home
        case .page: return .page
        case .guide: return .guide
        case .story: return .story
        case .event: return .event
        }
    }
    public let language: Language
    /// Path relative to the site folder.
    public let sourcePath: String
    /// Key shared by a page and its translations.
    public let translationKey: String
    /// Where the key comes from: its `translation_key` line, or the file when it is made from the file name.
    let translationKeyLocation: SourceLocation
    public let url: String
    public let title: String
    public let summary: String
    public let draft: Bool
    /// Old addresses that redirect here, each with where it is written.
    public let aliases: [Alias]
    /// Where the page's address comes from: its `slug:` line, or the file itself.
    public let urlLocation: SourceLocation

    public struct Alias: Sendable, Hashable {
        public var url: String
        public var location: SourceLocation
    }
    public let weight: Int
    public let illustrative: Bool
    public let details: Details
    /// The file line the Markdown body starts on. The body itself is read again when the page is
    /// rendered (`ContentLoader.body(of:fs:)`), so pages stay small in memory.
    public let bodyLine: Int
    /// An English file with an empty body: the body comes from the Vietnamese page, marked untranslated.
    public let bodyIsFallback: Bool
    /// A hash of what the site's plan depends on in the file (`PageDecoder.planKey`): an edit that
    /// keeps it changes no URL, list or link, only the page's own body.
    public let planKey: UInt64

    init(language: Language, sourcePath: String, translationKey: String, translationKeyLocation: SourceLocation,
         url: String,
         title: String, summary: String, draft: Bool, aliases: [Alias], urlLocation: SourceLocation, weight: Int, illustrative: Bool,
         details: Details, bodyLine: Int, bodyIsFallback: Bool, planKey: UInt64) {
        self.planKey = planKey
        self.language = language
        self.sourcePath = sourcePath
        self.translationKey = translationKey
        self.translationKeyLocation = translationKeyLocation
        self.url = url
        self.title = title
        self.summary = summary
        self.draft = draft
        self.aliases = aliases
        self.urlLocation = urlLocation
        self.weight = weight
        self.illustrative = illustrative
        self.details = details
        self.kind = Self.kind(of: details)
        self.bodyLine = bodyLine
        self.bodyIsFallback = bodyIsFallback
    }

    public var section: Section? { kind.info.section }

    /// A position in the Markdown body (from the renderer) as a position in the `.md` file.
    func location(of position: RenderedMarkdown.Position) -> SourceLocation {
        SourceLocation(path: sourcePath, line: bodyLine + position.line - 1, column: position.column)
    }

    public var guide: Guide? { if case .guide(let g) = details { return g }; return nil }
    /// A guide's topics (none for another kind of page), without copying the rest of its details.
    public var topics: [String] { if case .guide(let g) = details { return g.topics }; return [] }
    public var story: Story? { if case .story(let s) = details { return s }; return nil }
    public var event: Event? { if case .event(let e) = details { return e }; return nil }

    /// The date a page was last changed, for sitemaps and feeds.
    public var lastModified: LocalDate? {
        switch details {
        case .guide(let g): return g.updated
        case .story(let s): return s.date
        case .event(let e): return e.startDate
        case .home, .page: return nil
        }
    }
}

extension Page.Kind {
    /// Where a kind's Markdown files live, the section its URLs are under, the template that shows
    /// it, and the front-matter fields it adds to the common ones.
    public struct Info: Sendable {
        /// The folder under `content/` (nil: files directly in `content/`).
        public let folder: String?
        public let section: Section?
        public let template: String
        public let fields: [String]
        /// Whether `summary` is required (it is shown on cards and in feeds).
        public let needsSummary: Bool
    }

    /// The one table of content kinds. A new kind adds a case, a row here, its details decoder
    /// (`PageDecoder`) and its route provider (`SiteRenderer.providers`).
    public var info: Info {
        switch self {
        case .home: return Info(folder: nil, section: nil, template: "home", fields: [], needsSummary: false)
        case .page: return Info(folder: nil, section: nil, template: "page", fields: [], needsSummary: false)
        case .guide: return Info(folder: "guides", section: .guides, template: "guide",
                                 fields: ["topics", "audience", "level", "duration", "needs", "updated", "featured"], needsSummary: true)
        case .story: return Info(folder: "stories", section: .stories, template: "story",
                                 fields: ["model", "locality", "date", "author", "image"], needsSummary: true)
        case .event: return Info(folder: "events", section: .events, template: "event",
                                 fields: ["start", "end", "date", "all_day", "location", "locality", "organizer", "contact", "status", "registration"],
                                 needsSummary: true)
        }
    }

    /// The kind whose files live in `content/<folder>/`.
    static func inFolder(_ folder: String) -> Page.Kind? { allCases.first { $0.info.folder == folder } }
}
