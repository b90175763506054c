"""Acme Corp's recorded workshop day (June 2026), replayed into the demo's workshop file.

The same shape as ``exempel_ab_day`` (see there): plain data, read by ``okr_workshop.day.sample``.
"""

from __future__ import annotations

# fmt: off
DAY = {
    "prefix": "acme",
    "date": "2026-06-22",
    "agenda": "company",
    "dots": 2,
    "teams": {
        "leadership": {
            "people": ["Tom Harris", "Rachel Moore", "Priya Shah"],
            "candidates": [
                (0, "Become a name German field-service firms know and trust", 1),
                (1, "Win Germany", "~0"),
                (2, "Customers stay, grow and speak up for us", 2),
                (1, "Lead the Nordic market", None),
                (0, "A company people want to build with", 3),
            ],
            "dots": [[0, 4], [0, 3], [2, 4]],
            "confidence": {1: (3, 4, 2), 2: (4, 4, 5), 3: (3, 3, 4)},
        },
        "marketing": {
            "people": ["Megan Clarke", "Hannah Price", ""],
            "candidates": [
                (0, "Field-service managers in Germany start noticing us", 1),
                (2, "Germans recognise our brand", "~0"),
                (1, "Happy customers do our selling for us", 2),
                (1, "More LinkedIn followers", None),
            ],
            "dots": [[0, 2], [2, 3], [0, 2]],
            "confidence": {1: (3, 4, 3), 2: (4, 5, 4)},
        },
        "sales": {
            "people": ["Rachel Moore", "Sofia Rossi", "Liam Walsh"],
            "candidates": [
                (0, "Double our German pipeline to $10M", 1),
                (1, "Existing customers choose to grow with us", 2),
                (2, "Customers buy more from us", "~1"),
                (1, "Call more customers every week", None),
            ],
            "dots": [[0, 1], [0, 3], [0, 1]],
            "confidence": {1: (4, 2, 3), 2: (4, 4, 4)},
        },
        "product": {
            "people": ["Marcus Lee", "Owen Hughes", "Aisha Khan"],
            "candidates": [
                (0, "German dispatchers feel at home in Acme", 1),
                (1, "A fast, dependable service customers can count on", 2),
                (2, "Nobody waits for a page to load", "~1"),
                (1, "An engineering team that ships at a steady pace", 3),
                (2, "Move to a new cloud provider", None),
            ],
            "dots": [[0, 1], [1, 3], [0, 4]],
            "confidence": {1: (3, 4, 4), 2: (5, 4, 4), 3: (2, 3, 4)},
        },
        "support": {
            "people": ["Grace Okafor", "Jonas Keller", "Emma Scott"],
            "candidates": [
                (0, "Customers get fast help, in their own language", 1),
                (2, "Support in German", "~0"),
                (1, "Customers solve more on their own", 2),
                (2, "Answer every ticket within an hour", None),
            ],
            "dots": [[0, 2], [2, 3], [0, 2]],
            "confidence": {1: (4, 4, 3), 2: (3, 2, 4)},
        },
    },
    "reviews": [
        ("marketing-1", "leadership", "strong", "A clear line to the company's German objective.", "Thanks, we keep it."),
        ("marketing-1", "leadership", "question", "How do you measure being noticed before the trade fairs start?",
         "We run a brand survey in July as the baseline."),
        ("sales-1", "marketing", "suggestion", "Take the number out of the objective and let the key results carry it.",
         "We keep the wording for Q3 and revisit it next quarter."),
        ("product-1", "sales", "strong", "Good that you start from the dispatchers' working day.", "Thanks!"),
        ("product-3", "sales", "question", "Which company objective does this support?",
         "None directly; we keep it as a team objective of our own."),
        ("support-1", "product", "strong", "Language is a real edge over the competition.", "Thanks!"),
        ("support-2", "product", "question", "What counts as a customer solving it on their own?", None),
        ("leadership-2", "support", "suggestion", "Add a key result about response times.",
         "Customer Support owns response times in its OKRs."),
    ],
    "dependencies": [  # (needing team, asked team, what, by date, answer, note[, the objective that needs it])
        ("marketing", "product", "A German version of the website before the Cologne trade fair", "2026-08-15",
         "accepted", "Ready in week 32.", "marketing-1"),
        ("sales", "support", "German-speaking support from the first order", "2026-07-31", "accepted", "", "sales-1"),
        ("support", "product", "Help articles in German inside the app", "2026-09-01", "declined",
         "Does not fit in Q3; we take it in Q4."),
        ("product", "sales", "Three German pilot customers for user tests", "2026-07-20", "negotiating",
         "Two in July, one in August."),
        ("marketing", "sales", "Case studies from two German customers", "2026-09-15", "open", ""),
    ],
    "mid_reviews": [
        ("leadership-2", "keep", "Monthly customer meetings.", "Upselling comes from customers we already meet.",
         "2026-08-14"),
        ("marketing-1", "keep", "The Cologne trade fair brought more leads than we expected.",
         "Posts reach people only when they are written in German.", "2026-08-14"),
        ("sales-1", "change", "Bigger orders from existing customers.",
         "New German customers take longer to close than we planned for.", "2026-08-14"),
        ("product-3", "drop", "Shorter review times.",
         "It supported no company objective; we put the effort into stability.", "2026-08-14"),
        ("support-2", "keep", "The help centre gets more visits.", "Customers cannot find the articles from the app.",
         "2026-08-14"),
    ],
}
# fmt: on
