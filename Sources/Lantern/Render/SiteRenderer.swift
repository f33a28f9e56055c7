import Templates
import Foundation
import Markdown

/// Plans every page of the site (content pages, lists, progress, localities, 404) and renders them
/// with the templates on all cores. Results are collected in a fixed order, so output is identical
/// whatever the thread schedule.
final class SiteRenderer: @unchecked Sendable {
    let site: Site
    let assets: AssetURLs
    let bodies: PageBodies
    let diagnostics: Diagnostics

    init(site: Site, assets: AssetURLs, bodies: PageBodies, diagnostics: Diagnostics) {
        self.site = site
        self.assets = assets
        self.bodies = bodies
        self.diagnostics = diagnostics
    }

    /// One output file, planned up front (so URL clashes are found in a fixed order) and produced
    /// later on any core. Its values are computed only then, so memory holds a few pages at a time.
    final class Job {
        enum Work {
            case page(template: String, context: () -> TemplateObject)
            case file(() -> Data)
        }
        let path: String
        let owner: SourceLocation
        let work: Work
        init(path: String, owner: SourceLocation, work: Work) {
            self.path = path
            self.owner = owner
            self.work = work
        }
    }

    /// What rendering a page produced, for the page-weight budget.
    struct Rendered {
        var path: String
        var html: Data
        /// The precompressed `.gz` size, when one was written.
        var gzipBytes: Int?
    }

    /// Plans every file of the site: claims its path now, produces it later (`produce`).
    func plan(into tree: OutputTree) -> [Job] {
        var jobs: [Job] = []
        for language in site.config.languages.sorted() {
            jobs += plan(language, into: tree)
        }
        return jobs + Discovery.plan(site: site, into: tree, diagnostics: diagnostics)
    }

    /// Renders one planned file; a page gets the live-reload script when one is given.
    func produce(_ job: Job, liveReloadScript: String?) -> Data {
        switch job.work {
        case .page(let template, let context):
            var html = site.templates.render(template, context())
            if let liveReloadScript, let end = html.range(of: "</body>", options: .backwards) {
                html.replaceSubrange(end, with: liveReloadScript + "</body>")
            }
            return Data(html.utf8)
        case .file(let make):
            return make()
        }
    }

    /// Plans every file, then renders and writes them on all cores; `measure` sees each page's HTML
    /// (from the rendering thread) before it is dropped.
    func render(into tree: OutputTree, liveReloadScript: String?, measure: @escaping @Sendable (Rendered) -> Void) {
        let box = JobBox(plan(into: tree))
        DispatchQueue.concurrentPerform(iterations: box.jobs.count) { i in
            let job = box.jobs[i]
            let data = produce(job, liveReloadScript: liveReloadScript)
            let gz = tree.write(job.path, data)
            if case .page = job.work { measure(Rendered(path: job.path, html: data, gzipBytes: gz)) }
        }
    }

    private func plan(_ language: Language, into tree: OutputTree) -> [Job] {
        var jobs: [Job] = []
        let ctx = PageContext(site: site, language: language, assets: assets)
        let views = ContentViews(site: site, language: language, bodies: bodies)
        let s = { (key: String) in self.site.strings.string(key, language) }
        let paginator = Paginator(pageSize: site.config.pageSize, language: language, strings: site.strings)
        let siteFile = SourceLocation.file("content/site.yml")
        let both = { (path: (Language) -> String) -> [Language: String] in
            Dictionary(uniqueKeysWithValues: self.site.config.languages.map { ($0, path($0)) })
        }

        /// A page: claimed now, its layout and view values computed when it is rendered.
        func addLazy(_ template: String, url: String, owner: SourceLocation,
                     layout: @escaping () -> TemplateObject, view: @escaping () -> TemplateObject) {
            guard site.templates.require(template, for: owner, diagnostics: diagnostics) else { return }
            let path = OutputTree.filePath(forURL: url)
            guard tree.claim(path, owner: owner, diagnostics: diagnostics) else { return }
            jobs.append(Job(path: path, owner: owner, work: .page(template: template, context: {
                layout().merging(view()) { _, v in v }
            })))
        }
        func add(_ template: String, url: String, owner: SourceLocation,
                 layout: @autoclosure @escaping () -> TemplateObject, view: @autoclosure @escaping () -> TemplateObject) {
            addLazy(template, url: url, owner: owner, layout: layout, view: view)
        }
        /// Any other file (a calendar, a download), made when its turn comes.
        func addFile(_ path: String, owner: SourceLocation, _ make: @escaping () -> String) {
            guard tree.claim(path, owner: owner, diagnostics: diagnostics) else { return }
            jobs.append(Job(path: path, owner: owner, work: .file({ Data(make().utf8) })))
        }

        func alternates(_ page: Page) -> [Language: String] {
            var out: [Language: String] = [:]
            for l in site.config.languages { if let t = site.translation(of: page, in: l) { out[l] = t.url } }
            return out
        }

        /// A paginated list of `count` items; `items` makes the values of one page's items.
        func listPages(template: String, base: (Language) -> String, title: String, crumbs: [PageContext.Crumb],
                       count: Int, items: @escaping (Range<Int>) -> [TemplateObject], extra: TemplateObject = [:],
                       owner: SourceLocation) {
            for slice in paginator.paginate(count: count, base: base(language)) {
                var alts = both(base)
                if slice.number > 1 { alts = alts.mapValues { $0 + (slice.url.dropFirst(base(language).count)) } }
                let pageTitle = slice.number > 1 ? "\(title) – \(s("page")) \(slice.number)" : title
                addLazy(template, url: slice.url, owner: owner,
                        layout: { ctx.make(url: slice.url, title: pageTitle, description: "", crumbs: crumbs, alternates: alts) },
                        view: {
                    var view = extra
                    view["items"] = items(slice.range)
                    view["has_items"] = !slice.range.isEmpty
                    view["pagination"] = paginator.pagination(slice)
                    view["heading"] = title
                    return view
                })
            }
        }
        func listPages(template: String, base: (Language) -> String, title: String, crumbs: [PageContext.Crumb],
                       pages: [Page], extra: TemplateObject = [:], owner: SourceLocation) {
            listPages(template: template, base: base, title: title, crumbs: crumbs, count: pages.count,
                      items: { range in pages[range].map(views.card) }, extra: extra, owner: owner)
        }

        // Home.
        let homeSource = site.pages(.home, language).first ?? site.pages(.home, .default).first
        addLazy("home", url: language.urlPrefix + "/", owner: homeSource.map { .file($0.sourcePath) } ?? siteFile,
            layout: { ctx.make(url: language.urlPrefix + "/", title: self.site.config.title(language),
                               description: homeSource?.summary ?? "", crumbs: [], alternates: both { $0.urlPrefix + "/" }) },
            view: {
            var view: TemplateObject = homeSource.map { views.common($0, self.bodies.render($0)) } ?? ["title": self.site.config.title(language)]
            view["title"] = self.site.config.title(language)
            let guides = self.site.pages(.guide, .default)
            view["featured_guides"] = guides.filter { $0.guide?.featured == true }.map(views.card)
            view["newest_guides"] = guides.sorted { ($0.guide!.updated, $1.title) > ($1.guide!.updated, $0.title) }
                .filter { $0.guide?.featured != true }.prefix(3).map(views.card)
            let upcoming = self.upcomingEvents()
            view["upcoming_events"] = upcoming.prefix(3).map(views.card)
            view["has_upcoming"] = !upcoming.isEmpty
            if let latest = self.site.snapshots.last {
                let pv = ProgressViews(site: self.site, language: language)
                view["progress"] = pv.indicators(latest)
                view["has_progress"] = true
                view["progress_snapshot"] = pv.snapshotSummary(latest)
            }
            view["paths"] = self.site.config.menu.map { item -> TemplateObject in
                let url = Section(rawValue: item.target).map { $0.url(language) } ?? ctx.pageURL(item.target)
                return ["label": s(item.key), "url": url, "text": s("\(item.key)_text")]
            }
            view["stories_url"] = Section.stories.url(language)
            view["events_url"] = Section.events.url(language)
            view["guides_url"] = Section.guides.url(language)
            view["progress_url"] = Section.progress.url(language)
            return view
        })

        // Guides form a sequence in the index's order (by topic, then file): previous/next links.
        let topicOrder = Dictionary(uniqueKeysWithValues: site.reference.topics.enumerated().map { ($1.id, $0) })
        let sequence = site.pages(.guide, .default).enumerated()
            .map { (rank: topicOrder[$0.element.guide!.topics.first ?? ""] ?? Int.max, offset: $0.offset, key: $0.element.translationKey) }
            .sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }
            .map(\.key)
        let position = Dictionary(uniqueKeysWithValues: sequence.enumerated().map { ($1, $0) })
        func neighbour(_ key: String, _ step: Int) -> TemplateObject? {
            guard let i = position[key], sequence.indices.contains(i + step),
                  let original = site.guidesByKey[sequence[i + step]] else { return nil }
            return views.card(original)
        }

        // Content pages written in this language.
        for page in site.pages where page.language == language && page.kind != .home {
            let owner = SourceLocation.file(page.sourcePath)
            var crumbs: [PageContext.Crumb] = []
            if let section = page.section { crumbs.append(.init(label: s("nav_\(section.rawValue)"), url: section.url(language))) }
            if case .event(let e) = page.details {
                addFile(OutputTree.filePath(forURL: page.url + "calendar.ics"), owner: owner) {
                    ICalendar.calendar(name: page.title, entries: [self.calendarEntry(page, e)])
                }
            }
            add(ContentViews.template(for: page), url: page.url, owner: owner,
                layout: ctx.make(url: page.url, title: page.title, description: page.summary, crumbs: crumbs,
                                 alternates: alternates(page), image: page.story?.image?.src, illustrative: page.illustrative),
                view: {
                    var (_, view) = views.content(page)
                    if page.kind == .guide {
                        view["prev"] = neighbour(page.translationKey, -1)
                        view["next"] = neighbour(page.translationKey, 1)
                        view["has_sequence"] = view["prev"] != nil || view["next"] != nil
                    }
                    return view
                }())
        }

        // Guides: index grouped by topic, and a page per topic.
        let guides = site.pages(.guide, .default)
        let guidesTitle = s("nav_guides")
        var grouped: [TemplateObject] = []
        // Each topic shows its first `page_size` guides; the topic's own paginated page has them all.
        for topic in site.reference.topics {
            let members = guides.filter { $0.guide!.topics.first == topic.id }
            if members.isEmpty { continue }
            let more = members.count > site.config.pageSize
            grouped.append(["name": topic.name(language), "url": Section.topics.url(language, slug: topic.id),
                            "guides": members.prefix(site.config.pageSize).map(views.card),
                            "more": more, "more_label": "\(s("see_all")) (\(Format.number(members.count, language)))"])
        }
        listPages(template: "guides", base: { Section.guides.url($0) }, title: guidesTitle, crumbs: [],
                  count: grouped.count, items: { Array(grouped[$0]) }, owner: siteFile)
        for topic in site.reference.topics {
            let members = guides.filter { $0.guide!.topics.contains(topic.id) }
            listPages(template: "list", base: { Section.topics.url($0, slug: topic.id) }, title: topic.name(language),
                      crumbs: [.init(label: guidesTitle, url: Section.guides.url(language))],
                      pages: members, extra: ["intro": topic.description(language)],
                      owner: .file("content/data/topics.yml"))
        }

        // Stories: newest first; a page per model.
        let stories = site.pages(.story, .default).sorted { ($0.story!.date, $1.sourcePath) > ($1.story!.date, $0.sourcePath) }
        let storiesTitle = s("nav_stories")
        let models = site.reference.models.map { m -> TemplateObject in
            ["name": m.name(language), "url": Section.models.url(language, slug: m.id)]
        }
        listPages(template: "list", base: { Section.stories.url($0) }, title: storiesTitle, crumbs: [],
                  pages: stories, extra: ["intro": s("stories_intro"), "facets": models, "has_facets": !models.isEmpty, "facets_label": s("models")],
                  owner: siteFile)
        for model in site.reference.models {
            listPages(template: "list", base: { Section.models.url($0, slug: model.id) }, title: model.name(language),
                      crumbs: [.init(label: storiesTitle, url: Section.stories.url(language))],
                      pages: stories.filter { $0.story!.model == model.id },
                      extra: ["intro": model.description(language)], owner: .file("content/data/models.yml"))
        }

        // Events: upcoming (soonest first) and past (newest first), split at the build date.
        let upcoming = upcomingEvents()
        let past = site.pages(.event, .default).filter { $0.event!.endDate < site.today }.sorted { $0.event!.sortKey > $1.event!.sortKey }
        let eventsTitle = s("nav_events")
        listPages(template: "events", base: { Section.events.url($0) }, title: eventsTitle, crumbs: [],
                  pages: upcoming, extra: [
                    "past": past.prefix(site.config.pageSize).map(views.card), "has_past": !past.isEmpty,
                    "calendar_url": Section.events.url(language) + "calendar.ics",
                  ], owner: siteFile)
        addFile(OutputTree.filePath(forURL: Section.events.url(language) + "calendar.ics"), owner: siteFile) {
            ICalendar.calendar(name: "\(self.site.config.title(language)) – \(eventsTitle)", entries: self.eventEntries(language))
        }

        // Localities.
        let localities = site.reference.localities
        let localitiesTitle = s("nav_localities")
        listPages(template: "list", base: { Section.localities.url($0) }, title: localitiesTitle, crumbs: [],
                  count: localities.count, items: { range in localities[range].map { l in
                      ["title": l.name(language), "url": Section.localities.url(language, slug: l.id), "summary": l.help.team] } },
                  extra: ["intro": s("localities_intro")], owner: .file("content/data/localities.yml"))
        let pv = ProgressViews(site: site, language: language)
        for l in localities {
            let url = Section.localities.url(language, slug: l.id)
            let events = site.pages(.event, .default).filter { $0.event!.locality == l.id }.sorted { $0.event!.sortKey < $1.event!.sortKey }
            let layout = ctx.make(url: url, title: l.name(language), description: l.help.team,
                                  crumbs: [.init(label: localitiesTitle, url: Section.localities.url(language))],
                                  alternates: both { Section.localities.url($0, slug: l.id) })
            addLazy("locality", url: url, owner: l.location, layout: { layout }, view: {
            let progressRows = pv.localityRows(l.id)
            return [
                "title": l.name(language), "kind_label": s("kind_\(l.kind.rawValue)"),
                "help": ["team": l.help.team, "place": l.help.place, "hours": l.help.hours, "phone": l.help.phone],
                "sample_contact": l.sampleContact,
                "stories": stories.filter { $0.story!.locality == l.id }.map(views.card),
                "has_stories": stories.contains { $0.story!.locality == l.id },
                "events": events.map(views.card), "has_events": !events.isEmpty,
                "progress_rows": progressRows, "has_progress": !progressRows.isEmpty,
                "progress_as_of": self.site.snapshots.last.map { Format.date($0.asOf, language) } ?? "",
                "calendar_url": url + "calendar.ics",
            ] })
            addFile(OutputTree.filePath(forURL: url + "calendar.ics"), owner: l.location) {
                ICalendar.calendar(name: l.name(language), entries: self.eventEntries(language, events))
            }
        }

        // Progress: dashboard, trend, and a page per snapshot.
        let progressTitle = s("nav_progress")
        if let latest = site.snapshots.last {
            let trends = pv.trends()
            let view: TemplateObject = [
                "title": progressTitle, "snapshot": pv.snapshotSummary(latest), "indicators": pv.indicators(latest),
                "tables": pv.tables(latest), "trends": trends, "has_trends": !trends.isEmpty,
                "snapshots": site.snapshots.reversed().map(pv.snapshotSummary),
                "deadline": site.reference.targets.deadline.map { Format.date($0, language) } ?? "",
            ]
            let layout = ctx.make(url: Section.progress.url(language), title: progressTitle, description: s("progress_intro"),
                                  crumbs: [], alternates: both { Section.progress.url($0) }, illustrative: latest.illustrative)
            add("progress", url: Section.progress.url(language), owner: .file(latest.sourcePath), layout: layout, view: view)
        }
        for snapshot in site.snapshots {
            let url = Section.progress.url(language, slug: snapshot.id)
            let summary = pv.snapshotSummary(snapshot)
            let title = "\(progressTitle): \(summary["as_of"]!.text)"
            let view: TemplateObject = ["title": title, "snapshot": summary, "indicators": pv.indicators(snapshot),
                                       "tables": pv.tables(snapshot)]
            let layout = ctx.make(url: url, title: title, description: snapshot.source,
                                  crumbs: [.init(label: progressTitle, url: Section.progress.url(language))],
                                  alternates: both { Section.progress.url($0, slug: snapshot.id) }, illustrative: snapshot.illustrative)
            add("snapshot", url: url, owner: .file(snapshot.sourcePath), layout: layout, view: view)
            if language == .default {
                let base = OutputTree.filePath(forURL: url)
                let folder = String(base.dropLast("index.html".count))
                addFile(folder + "\(snapshot.id).csv", owner: .file(snapshot.sourcePath)) {
                    ProgressViews.csv(snapshot, reference: self.site.reference)
                }
                addFile(folder + "\(snapshot.id).json", owner: .file(snapshot.sourcePath)) {
                    ProgressViews.json(snapshot, reference: self.site.reference)
                }
            }
        }

        // Not found page, one per language.
        let notFoundURL = language == .default ? "/404.html" : "\(language.urlPrefix)/404.html"
        let layout = ctx.make(url: notFoundURL, title: s("not_found_title"), description: "", crumbs: [],
                              alternates: both { $0 == .default ? "/404.html" : "\($0.urlPrefix)/404.html" }, noindex: true)
        add("404", url: notFoundURL, owner: siteFile, layout: layout,
            view: ["guides_url": Section.guides.url(language), "events_url": Section.events.url(language)])
        return jobs
    }

    /// Events not yet over at the build date, soonest first.
    func upcomingEvents() -> [Page] {
        site.pages(.event, .default).filter { $0.event!.endDate >= site.today }.sorted { $0.event!.sortKey < $1.event!.sortKey }
    }

    func calendarEntry(_ page: Page, _ e: Page.Event) -> ICalendar.Entry {
        let stamp: LocalDateTime
        switch e.timing {
        case .timed(let start, _): stamp = start
        case .allDay(let d): stamp = LocalDateTime(date: d, hour: 0, minute: 0)
        }
        let host = URL(string: site.config.baseURL)?.host ?? "lantern"
        return ICalendar.Entry(uid: "\(page.translationKey)@\(host)", title: page.title, summary: page.summary,
                               timing: e.timing, location: [e.locationName, e.address].filter { !$0.isEmpty }.joined(separator: ", "),
                               status: e.status, url: site.config.absoluteURL(page.url), organizer: e.organizer, stamp: stamp)
    }

    /// One entry per event, in this language where translated.
    func eventEntries(_ language: Language, _ events: [Page]? = nil) -> [ICalendar.Entry] {
        (events ?? site.pages(.event, .default)).map { original in
            let page = site.localized(original, language).page
            return calendarEntry(page, page.event ?? original.event!)
        }
    }
}

/// Carries the non-Sendable template values into the parallel render; read-only there.
final class JobBox: @unchecked Sendable {
    let jobs: [SiteRenderer.Job]
    init(_ jobs: [SiteRenderer.Job]) { self.jobs = jobs }
}
