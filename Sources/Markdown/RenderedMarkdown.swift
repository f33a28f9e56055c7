/// The result of rendering one Markdown document: HTML plus what the engine needs to know about it.
/// Plain Swift values only; no C pointer leaves this module.
public struct RenderedMarkdown: Sendable, Equatable {
    public var html: String
    public var headings: [Heading]
    /// Links and images on the page in document order, with their positions (for link checking).
    /// Those refused by `URLSafety` are not here but in `unsafeURLs`.
    public var links: [Link]
    /// Links and images whose address `URLSafety` refused, in document order. The page shows an
    /// unsafe link as its text alone and an unsafe image as its alt text.
    public var unsafeURLs: [UnsafeURL]
    /// Where raw HTML was found and escaped because the site does not allow it.
    public var escapedRawHTML: [Position]
    /// The first ordered list's item count (guides show it as "N bước").
    public var firstOrderedListItemCount: Int

    public struct Position: Sendable, Equatable {
        /// 1-based line within the Markdown source.
        public var line: Int
        /// 1-based column within the Markdown source.
        public var column: Int
    }

    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var text: String
        public var id: String
        public var position: Position
    }

    public struct Link: Sendable, Equatable {
        public var url: String
        public var text: String
        public var isImage: Bool
        public var position: Position
    }

    /// A link or image address that was not emitted, and why.
    public struct UnsafeURL: Sendable, Equatable {
        /// The address as cmark read it (character references already decoded).
        public var url: String
        /// The link text or image alt text.
        public var text: String
        public var isImage: Bool
        /// Why it was refused, in plain words (from `URLSafety.Verdict.unsafe`).
        public var reason: String
        public var position: Position
    }
}

/// How Markdown is rendered.
public struct MarkdownOptions: Sendable, Equatable {
    /// Pass raw HTML through. Off by default: raw HTML is shown as text.
    public var allowRawHTML: Bool
    /// Curly quotes and dashes (CMARK_OPT_SMART).
    public var smartPunctuation: Bool
    /// Wrap tables in a focusable, horizontally scrollable region (narrow screens).
    public var scrollableTables: Bool

    public init(allowRawHTML: Bool = false, smartPunctuation: Bool = false, scrollableTables: Bool = true) {
        self.allowRawHTML = allowRawHTML
        self.smartPunctuation = smartPunctuation
        self.scrollableTables = scrollableTables
    }
}
