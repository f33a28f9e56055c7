import Templates

/// Guides: one page per guide (with previous/next in the index's order), the guides index grouped
/// by topic, and a paginated page per topic.
struct GuideRoutes: BatchedRouteProvider {
    func routes(in c: RouteContext, into routes: inout RouteBatch) {
        let site = c.site, language = c.language, views = c.views

        // Guides form a sequence in the index's order (by topic, then file): previous/next links.
        let topicOrder = Dictionary(uniqueKeysWithValues: site.reference.topics.enumerated().map { ($1.id, $0) })
        // Pages, not `site.guides(in:)`'s items: copying each guide's details (every field
        // retained and released) was a third of planning the guides, which the preview server
        // does after every title edit. A guide's topics are read where they are needed.
        let guides = site.pages(.guide, .default)
        let sequence = guides.enumerated()
            .map { (rank: topicOrder[$0.element.topics.first ?? ""] ?? Int.max, offset: $0.offset, key: $0.element.translationKey) }
            .sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }
            .map(\.key)
        let position = Dictionary(uniqueKeysWithValues: sequence.enumerated().map { ($1, $0) })
        let neighbour = { (key: String, step: Int) -> CardView? in
            guard let i = position[key], sequence.indices.contains(i + step),
                  let original = site.page(key: sequence[i + step], .default) else { return nil }
            return views.card(original)
        }
        for page in site.pages(.guide, language) {
            guard case .guide = page.details else { continue }
            routes.append(c.contentPage(page, template: Page.Kind.guide.info.template) { body, rendered in
                guard case .guide(let guide) = page.details else { preconditionFailure("a guide route holds a guide") }
                return views.guide(page, guide, body, rendered,
                                   prev: neighbour(page.translationKey, -1), next: neighbour(page.translationKey, 1))
            })
        }

        // The index: each topic shows its first `page_size` guides; the topic's own page has them all.
        let title = c.s("nav_guides")
        // Each topic's guides (the site's table: the guides are the default language's, the same
        // in every language), and those it is the first topic of.
        let byTopic = site.guidesByTopic
        var byFirstTopic: [String: [Page]] = [:]
        for page in guides { if let first = page.topics.first { byFirstTopic[first, default: []].append(page) } }
        var grouped: [TopicGroup] = []
        for topic in site.reference.topics {
            let members = byFirstTopic[topic.id] ?? []
            if members.isEmpty { continue }
            let more = members.count > site.config.pageSize
            grouped.append(TopicGroup(name: topic.name(language), url: Section.topics.url(language, slug: topic.id),
                                      guides: members.prefix(site.config.pageSize).map(views.card), more: more,
                                      moreLabel: "\(c.s("see_all")) (\(Format.number(members.count, language)))"))
        }
        let groups = grouped
        routes += c.list(template: "guides", base: { Section.guides.url($0) }, title: title, crumbs: [],
                         count: groups.count, items: { Array(groups[$0]) }, owner: c.siteFile)
        for topic in site.reference.topics {
            let members = byTopic[topic.id] ?? []
            routes += c.list(template: "list", base: { Section.topics.url($0, slug: topic.id) }, title: topic.name(language),
                             crumbs: [.init(label: title, url: Section.guides.url(language))],
                             pages: members, extra: ListExtras(intro: topic.description(language)),
                             owner: .file("content/data/topics.yml"))
        }
    }
}

/// A topic on the guides index: its first guides and a link to all of them.
struct TopicGroup: ViewValue {
    var name: String
    var url: String
    var guides: [CardView]
    var more: Bool
    var moreLabel: String

    func child(named n: String) -> (any TemplateValue)? {
        switch n {
        case "name": return name
        case "url": return url
        case "guides": return guides
        case "more": return more
        case "more_label": return moreLabel
        default: return nil
        }
    }
}
