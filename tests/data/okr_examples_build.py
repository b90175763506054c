"""Writes tests/data/okr_examples.jsonl: OKR examples from public pages that say themselves whether
an example is good or bad. Each row below was checked against the stored copy of the cited page.

Row format: lang|kind (o/k)|verdict (g/b)|basis (e = the page states the verdict, i = the page only shows it
as a model example)|source URL|what the page says, in our words|the example text.
Texts are short single lines; where we changed spelling, punctuation, an arrow or a trailing clause the item
is marked "lightly adapted" (ADAPTED below), otherwise "as published".
Run: python tests/data/okr_examples_build.py
"""

import hashlib
import json
import pathlib
from collections import Counter
from urllib.parse import urlsplit

ROWS = """
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Launch the new website
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Post 30 times on Instagram
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Hire 2 salespeople
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Create onboarding program
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Implement CRM
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Run satisfaction survey
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Redesign sales proposal
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Train the support team
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Create company blog
en|k|b|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|BAD column of a good-vs-bad KR table: an activity|Renegotiate supplier contracts
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Raise website conversion from 1.5% to 4%
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Generate 500 qualified leads via social
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Grow qualified pipeline from $50k to $200k
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Reduce 30-day churn from 40% to 10%
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Reduce average follow-up time from 72h to 24h
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Raise NPS from 25 to 50
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Raise close rate from 15% to 30%
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Reduce complaints from 20/month to 5/month
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Reach 10,000 monthly organic visits
en|k|g|e|https://arena.atosup.com/en/blog/good-vs-bad-key-results|GOOD column of the same table: a consequence|Reduce delivery cost from 45% to 30% of revenue
en|k|b|e|https://www.pavlinamaes.com/blog-2|a task/output, not evidence of progress|Create a user survey
en|k|b|e|https://www.pavlinamaes.com/blog-2|a task/output, not evidence of progress|Collect 1,000 responses
en|k|g|e|https://www.pavlinamaes.com/blog-2|an outcome metric, a clear signal of change|Reach NPS over 60
en|k|g|e|https://www.pavlinamaes.com/blog-2|an outcome metric, a clear signal of change|Increase conversion rate by 20%
en|o|b|e|https://okrquickstart.com/post/category/okr|part of an OKR called a to-do list in strategy clothes|Launch the app
en|k|b|e|https://okrquickstart.com/post/category/okr|part of an OKR called a to-do list in strategy clothes|Release the app
en|k|b|e|https://okrquickstart.com/post/category/okr|part of an OKR called a to-do list in strategy clothes|Get some feedback
en|k|b|e|https://okrquickstart.com/post/category/okr|part of an OKR called a to-do list in strategy clothes|Improve the app
en|k|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 1: a task written as a KR, not an outcome|Launch a new website
en|k|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 1: a task written as a KR, not an outcome|Move all customers to the new UI
en|k|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 1: a task written as a KR, not an outcome|Talk to 5 customers
en|k|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 1: a task written as a KR, not an outcome|Migrate to version 3
en|k|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 1: a task written as a KR, not an outcome|Upgrade Kubernetes
en|k|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 1: a task written as a KR, not an outcome|Salaries paid on time
en|k|g|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|given as what a real KR looks like|Maximum churn of 2%
en|o|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 2: a vague objective|Improve communication
en|o|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 2: a vague objective|Make progress with customers
en|o|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 2: a vague objective|Be more innovative
en|o|g|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|given as a good, inspiring objective|Be the number one choice for small businesses in Germany
en|k|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 3: an unmeasurable KR|Increase customer satisfaction
en|k|b|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|mistake 3: an unmeasurable KR|Improve system security
en|k|g|e|https://yanivpreiss.com/2025/12/01/41-okrs-mistakes/|the fixed, measurable version of mistake 3|Customer satisfaction score of at least 7.5
en|k|b|e|https://okrnest.com/guides/10-most-common-okr-writing-mistakes|mistake 1: a task list, not outcome KRs|Complete a website update by [date]
en|k|b|e|https://okrnest.com/guides/10-most-common-okr-writing-mistakes|mistake 1: a task list, not outcome KRs|Update 10 blog articles
en|k|b|e|https://okrnest.com/guides/10-most-common-okr-writing-mistakes|mistake 1: a task list, not outcome KRs|Engage an agency for outreach before [date]
sv|o|g|i|http://www.digitaliserad.nu/okr.html|the page's worked example OKR (presented as a model) (implicit)|Öka försäljningen av tillbehör till cyklar online med 1 MSEK
sv|k|g|i|http://www.digitaliserad.nu/okr.html|the page's worked example OKR (presented as a model) (implicit)|Öka den organiska trafiken till sajten med 20%
sv|k|g|i|http://www.digitaliserad.nu/okr.html|the page's worked example OKR (presented as a model) (implicit)|Öka annonsköpen på Facebook med 5%
sv|k|g|i|http://www.digitaliserad.nu/okr.html|the page's worked example OKR (presented as a model) (implicit)|Hamna topp 3 på sökorden cykellampa, cykelhjälm och pakethållare
en|k|b|e|https://www.okrmentors.com/?p=6088|mistake 1: a task-based KR that does not show whether the objective was met|Launch the new customer portal
en|k|g|e|https://www.okrmentors.com/?p=6088|given as an outcome-based KR|Increase repeat customer logins from 12% to 20%
en|o|b|e|https://www.tesoract.com/blog/7-common-mistakes-in-writing-okrs-and-how-to-fix-them|mistake 1: an operational task mistaken for an objective|Process 500 customer support tickets
en|o|g|e|https://www.tesoract.com/blog/7-common-mistakes-in-writing-okrs-and-how-to-fix-them|offered as a real objective|Delight customers by resolving issues faster and more consistently
en|o|b|e|https://www.tesoract.com/blog/7-common-mistakes-in-writing-okrs-and-how-to-fix-them|mistake 2: a vague, generic objective|Improve operations
en|o|b|e|https://www.tesoract.com/blog/7-common-mistakes-in-writing-okrs-and-how-to-fix-them|mistake 2: a vague, generic objective|Grow revenue
en|o|g|e|https://www.tesoract.com/blog/7-common-mistakes-in-writing-okrs-and-how-to-fix-them|the specific, inspiring rewrite|Expand our footprint in mid-market SaaS to establish leadership in North America
en|o|g|e|https://www.caroli.org/en/key-result-versus-activities-for-achieving-kr/|quoted as a good OKR example|Create an Awesome Customer Experience
en|k|g|e|https://www.caroli.org/en/key-result-versus-activities-for-achieving-kr/|quoted as a good OKR example|Improve Net Promoter Score from X to Y
en|k|b|e|https://www.caroli.org/en/key-result-versus-activities-for-achieving-kr/|an activity for achieving a KR, not a KR|Create a new subscription model
en|k|b|e|https://hespia.com/blog/writing-key-results-that-mean-something/|marked with a cross: not a KR (vague)|Improve onboarding
en|k|b|e|https://hespia.com/blog/writing-key-results-that-mean-something/|marked with a cross: an initiative, not a KR|Ship the new onboarding flow
en|k|b|e|https://hespia.com/blog/writing-key-results-that-mean-something/|called an initiative, a task in a trench coat|Launch the new onboarding flow
en|k|g|e|https://hespia.com/blog/writing-key-results-that-mean-something/|marked with a tick: a KR with baseline and target|Lift week-1 activation from 38% to 55%
en|k|b|e|https://coderssecret.com/blog/okr-objectives-key-results-practical-guide|called a task, not a KR|Deploy monitoring
en|k|g|e|https://coderssecret.com/blog/okr-objectives-key-results-practical-guide|called a real KR|Reduce mean-time-to-detect from 30 min to 5 min
en|o|g|i|https://coderssecret.com/blog/okr-objectives-key-results-practical-guide|real-world example objective (implicit)|Make our API rock-solid reliable
en|k|g|i|https://coderssecret.com/blog/okr-objectives-key-results-practical-guide|real-world example KR (implicit)|Increase API uptime from 99.2% to 99.95%
en|k|g|i|https://coderssecret.com/blog/okr-objectives-key-results-practical-guide|real-world example KR (implicit)|Reduce p99 API latency from 800ms to 200ms
en|k|b|e|https://www.productnarrative.co/blog/the-difference-between-key-results-and-tasks|a KR that is a task, not the outcome|Contact 50 warm leads to schedule initial meetings
en|k|g|e|https://www.productnarrative.co/blog/the-difference-between-key-results-and-tasks|the right KR after rewriting the task|10 new clients by the end of Q4
en|o|b|e|https://support.weekplan.net/fr/knowledge-bases/4/articles/7472-what-is-a-good-okr|labelled bad: not inspiring|Stop sucking at customer support
en|o|g|e|https://support.weekplan.net/fr/knowledge-bases/4/articles/7472-what-is-a-good-okr|labelled good: inspiring|Provide a world class support
en|o|b|e|https://support.weekplan.net/fr/knowledge-bases/4/articles/7472-what-is-a-good-okr|labelled bad: too short to be explicit|Ownership
en|o|g|e|https://support.weekplan.net/fr/knowledge-bases/4/articles/7472-what-is-a-good-okr|labelled good: short but explicit|Build a culture of ownership
en|k|b|e|https://support.weekplan.net/fr/knowledge-bases/4/articles/7472-what-is-a-good-okr|labelled bad: measures activity|Write 10 articles
en|k|g|e|https://support.weekplan.net/fr/knowledge-bases/4/articles/7472-what-is-a-good-okr|labelled good: measures progress|Reach 10000 readers
en|o|b|e|https://okrify.com/bad-okr-examples/|bad example: too vague, no amount|Increase revenue
en|k|b|e|https://okrify.com/bad-okr-examples/|bad example KR: vague, no amount|Get more people to buy our product
en|k|b|e|https://okrify.com/bad-okr-examples/|bad example KR: vague, no amount|Increase the average order value
en|k|b|e|https://okrify.com/bad-okr-examples/|bad example KR: vague, no amount|Reduce customer churn
en|k|b|e|https://okrify.com/bad-okr-examples/|second bad example: KRs still vague, no size of improvement|Increase the number of positive customer reviews
en|k|b|e|https://okrify.com/bad-okr-examples/|second bad example: KRs still vague, no size of improvement|Decrease the number of customer complaints
en|k|b|e|https://okrify.com/bad-okr-examples/|second bad example: KRs still vague, no size of improvement|Reduce the average time it takes to resolve customer issues
en|o|g|e|https://okrify.com/bad-okr-examples/|given as the improved version of a bad OKR|Increase revenue by 15% in the next quarter
en|k|g|e|https://okrify.com/bad-okr-examples/|given as the improved version of a bad OKR|Increase the number of new customers by 10%
en|k|g|e|https://okrify.com/bad-okr-examples/|given as the improved version of a bad OKR|Increase the average order value by 5%
en|k|g|e|https://okrify.com/bad-okr-examples/|given as the improved version of a bad OKR|Reduce customer churn by 2%
sv|o|g|i|https://okrbridge.com/sv/byggstenarna-i-malstyrning-med-okr/|listed as an example objective (organisation level) (implicit)|Kraftig tillväxt med bibehållen lönsamhet
sv|o|g|i|https://okrbridge.com/sv/byggstenarna-i-malstyrning-med-okr/|listed as an example objective (marketing team) (implicit)|Stärk våra kundrelationer genom event
sv|o|g|i|https://okrbridge.com/sv/byggstenarna-i-malstyrning-med-okr/|listed as an example objective (support team) (implicit)|Överraskande snabb ärendehantering
sv|k|g|i|https://okrbridge.com/sv/byggstenarna-i-malstyrning-med-okr/|example KR for the growth objective (implicit)|35% försäljningstillväxt jämfört med föregående år
sv|k|g|i|https://okrbridge.com/sv/byggstenarna-i-malstyrning-med-okr/|example KR for the growth objective (implicit)|10% lönsamhet
sv|k|g|i|https://okrbridge.com/sv/byggstenarna-i-malstyrning-med-okr/|example KR for the event objective (implicit)|300 deltagare på interna event
sv|k|g|i|https://okrbridge.com/sv/byggstenarna-i-malstyrning-med-okr/|example KR for the event objective (implicit)|80% betygsätter våra interna event som bra eller mycket bra
sv|k|g|i|https://okrbridge.com/sv/byggstenarna-i-malstyrning-med-okr/|example KR for the support objective (implicit)|Snittid till första kontakt mindre än 2 timmar
sv|k|g|i|https://okrbridge.com/sv/byggstenarna-i-malstyrning-med-okr/|example KR for the support objective (implicit)|200 ärenden får respons inom fem minuter
sv|o|g|i|https://djv.se/okr-starthjalp-for-malmedvetna|example of a stretch objective (destination) (implicit)|Bli marknadsledande i region Y
sv|o|g|i|https://djv.se/okr-starthjalp-for-malmedvetna|example of a stretch objective (destination) (implicit)|Lansera den populäraste appen inom segment X
sv|o|g|i|https://jmsandberg.se/7-tips-pa-hur-du-kommer-igang-med-okr/|given as an example objective (direction) (implicit)|Vi ska bli dominerande i Norden inom digital marknadsföring
sv|o|g|i|https://www.sprakligt.se/att-jobba-med-okrs-i-produktutveckling/|the page's example objective for a product team (implicit)|Vi ska öka antalet användare i plattformen
sv|k|g|i|https://www.sprakligt.se/att-jobba-med-okrs-i-produktutveckling/|the page's example KR for that objective (implicit)|Antalet aktiva användare i månaden ökar med 10%
sv|o|g|i|https://asana.com/sv/resources/okr-vs-kpi|offered as an example of what an objective can be (implicit)|Förbättra vårt kundkvarhållande
sv|o|g|i|https://asana.com/sv/resources/okr-vs-kpi|offered as an example of what an objective can be (implicit)|Öka konverteringsfrekvensen på vår webbplats
sv|o|g|i|https://asana.com/sv/resources/okr-vs-kpi|offered as an example of what an objective can be (implicit)|Få kvalificerade leads
en|k|b|e|https://okr-framework.com/okr-examples/personal-growth|how you should not formulate a KR: a summarised to-do|Wake up at 6.30 AM every day
en|o|g|i|https://okr-framework.com/okr-examples/personal-growth|example 1 objective (implicit)|Become happier with your own body
en|k|g|i|https://okr-framework.com/okr-examples/personal-growth|example 1 KR (implicit)|Achieve a 5kg weight loss
en|o|g|i|https://okr-framework.com/okr-examples/personal-growth|example 2 objective (implicit)|Become a happier and more frequent reader of books
en|k|g|i|https://okr-framework.com/okr-examples/personal-growth|example 2 KR (implicit)|Reach a 1 book/month reading pace
en|k|b|e|https://vindaris.com/playbooks/write-good-key-results|contrasted as activity, not an outcome|Run 5 campaigns
en|k|b|e|https://vindaris.com/playbooks/write-good-key-results|contrasted as a task, not a goal|Publish 10 posts
en|k|g|e|https://vindaris.com/playbooks/write-good-key-results|given as an outcome KR|Lift qualified leads from 80 to 200
en|k|g|e|https://vindaris.com/playbooks/write-good-key-results|given as an outcome KR with baseline and target|Grow organic signups from 200 to 500
en|k|b|e|https://okrfaq.com/introduction-to-okrs/what-does-a-good-key-result-look-like-in-okrs/|an output (action), not a measurable outcome|Write and deliver a new marketing plan
en|k|g|e|https://okrfaq.com/introduction-to-okrs/what-does-a-good-key-result-look-like-in-okrs/|the desired outcome of that output|Increase incoming leads from 4000 to 5500 per quarter
en|k|b|e|https://upraise.io/objectives-key-results-okr/nitty-gritty/setting-key-results-correctly/|called merely an activity|Publish 8 blog posts
en|k|g|e|https://upraise.io/objectives-key-results-okr/nitty-gritty/setting-key-results-correctly/|the suggested rephrasing of that activity|Out of 8 planned blog posts this quarter, at least 3 appear in the top 10 Google results for their keywords
en|o|b|e|https://app.uxcel.com/courses/product-management-for-designers/thinking-in-outcomes-not-features-287/writing-effective-objectives-3895|a poor objective: an output that prescribes the solution|Launch mobile app by Q3
en|o|g|e|https://app.uxcel.com/courses/product-management-for-designers/thinking-in-outcomes-not-features-287/writing-effective-objectives-3895|the better objective: focuses on intended impact|Delight users with seamless mobile experiences
sv|o|g|i|https://bantero.com/sv/okr-exempel/okr-exempel-marknadsteam/|example OKR for a marketing team in a growing organisation (implicit)|Öka antalet leads för att stötta vår försäljningstillväxt
sv|k|g|i|https://bantero.com/sv/okr-exempel/okr-exempel-marknadsteam/|example KR (marketing team) (implicit)|Öka antalet leads till säljorganisationen från 250 till 350 per kvartal
sv|k|g|i|https://bantero.com/sv/okr-exempel/okr-exempel-marknadsteam/|example KR (marketing team) (implicit)|Minska kostnaden per lead med 10% (från 1300 kr till 1170 kr)
sv|k|g|i|https://bantero.com/sv/okr-exempel/okr-exempel-marknadsteam/|example KR (marketing team) (implicit)|Ta in 50 leads genom nya leadskanaler
sv|o|g|i|https://bantero.com/sv/okr-exempel/okr-exempel-marknadsteam/|example OKR for a b2c marketing team (implicit)|Öka vår synlighet för att ta marknadsandelar över tid
sv|k|g|i|https://bantero.com/sv/okr-exempel/okr-exempel-marknadsteam/|example KR (b2c marketing team) (implicit)|1M kontakter genom annonsering i TV
sv|o|g|i|https://clickup.com/sv/blog/142396/tekniska-mal|shown as what an OKR for a product team looks like (implicit)|Förbättra systemets tillförlitlighet
sv|k|g|i|https://clickup.com/sv/blog/142396/tekniska-mal|shown as a KR in that example (implicit)|Minska systemets driftstopp från 5 % till 1 %
sv|k|g|i|https://clickup.com/sv/blog/142396/tekniska-mal|shown as a KR in that example (implicit)|Öka täckningen för enhetstester från 70 % till 90 %
sv|k|g|i|https://clickup.com/sv/blog/142396/tekniska-mal|shown as a KR in that example (implicit)|Implementera automatiserade verktyg för prestandaövervakning
en|o|b|e|https://clickup.com/learn/topic/productivity/goal-setting/okr/|the most common mistake: an objective that is really a KR|Increase onboarding completion by 5%
en|o|g|e|https://clickup.com/learn/topic/productivity/goal-setting/okr/|a proper objective|Build an onboarding experience that new hires recommend to friends
en|k|g|e|https://clickup.com/learn/topic/productivity/goal-setting/okr/|passes the test: metric, start and target|Reduce average onboarding time from 14 days to 7 days
en|k|b|e|https://clickup.com/learn/topic/productivity/goal-setting/okr/|fails the test: nobody agrees what improved means|Improve the onboarding process
en|o|g|i|https://okr-framework.com/okr-examples/customer-service/|customer service OKR example (implicit)|Achieve our best customer rating to date
en|k|g|i|https://okr-framework.com/okr-examples/customer-service/|customer service OKR example KR (implicit)|Maintain 7-day avg. customer rating of 4.5/5
en|o|g|i|https://okr-framework.com/okr-examples/customer-service/|customer service OKR example (implicit)|Improve the well-being of the Customer Service team
en|k|g|i|https://okr-framework.com/okr-examples/customer-service/|customer service OKR example KR (implicit)|Increase eNPS score for the Customer Service team from 4 to 4.5/5
en|o|g|i|https://okr-framework.com/okr-examples/customer-service/|customer service OKR example (implicit)|Create a stellar return process for customers
sv|o|b|e|https://pipedrive.com/sv/blog/marknadsforings-okrs|called a not very motivating OKR theme|Öka intäkterna
sv|o|g|e|https://pipedrive.com/sv/blog/marknadsforings-okrs|the rewrite that makes the goal concrete and gives a purpose|Öka intäkterna från 1,5 MUSD till 2,5 MUSD i år för att möjliggöra territoriell expansion
sv|o|g|i|https://pipedrive.com/sv/blog/marknadsforings-okrs|the page's example objective for the formula (implicit)|Öka försäljningspipen
sv|k|g|i|https://pipedrive.com/sv/blog/marknadsforings-okrs|the page's example KR for the formula (implicit)|20 % tillväxt i leadgenerering
sv|k|g|i|https://pipedrive.com/sv/blog/marknadsforings-okrs|the page's example KR for the formula (implicit)|10 % tillväxt i genomsnittlig affärsstorlek
en|o|g|e|https://okr-framework.com/okr-examples/human-resources|called a great OKR example for HR|Increase WFH productivity by minimizing distractions
en|k|g|e|https://okr-framework.com/okr-examples/human-resources|called a great OKR example for HR|Increase the reported productivity score for the remote workforce from 6 to 8
sv|o|g|i|https://vdtidningen.se/konsten-att-mata-mal-pa-ratt-satt/|given as an example of an ambition (objective) that is hard to measure (implicit)|Vi ska etablera oss på den tyska marknaden
sv|k|b|e|https://goalenvision.com/sv/kunskapsbanken/vad-kaennetecknar-vael-formulerade-maal-nyckelfaktorer-foer-effektiv-maalformulering|goal-setting page (not OKR-specific): the unclear goal to avoid|Förbättra arbetsmoralen
sv|k|g|e|https://goalenvision.com/sv/kunskapsbanken/vad-kaennetecknar-vael-formulerade-maal-nyckelfaktorer-foer-effektiv-maalformulering|goal-setting page: the clear, measurable rewrite|Öka medarbetarnas nöjdhetspoäng från 7 till 9 inom sex månader
sv|k|g|e|https://goalenvision.com/sv/kunskapsbanken/vad-kaennetecknar-vael-formulerade-maal-nyckelfaktorer-foer-effektiv-maalformulering|goal-setting page: example of a measurable goal|Minska kundklagomål med 20% inom de närmaste tre månaderna
sv|k|g|e|https://goalenvision.com/sv/kunskapsbanken/vad-kaennetecknar-vael-formulerade-maal-nyckelfaktorer-foer-effektiv-maalformulering|goal-setting page: example of a relevant goal|Minska koldioxidutsläppen med 30% inom två år
sv|k|g|e|https://goalenvision.com/sv/kunskapsbanken/vad-kaennetecknar-vael-formulerade-maal-nyckelfaktorer-foer-effektiv-maalformulering|goal-setting page: example of a time-bound goal|Svara på 95% av kundfrågorna inom 24 timmar
"""

# Texts whose wording differs from the page (typo, arrow, capitalisation, tense or a shortened trailing clause).
ADAPTED = {
    "Hamna topp 3 på sökorden cykellampa, cykelhjälm och pakethållare",
    "35% försäljningstillväxt jämfört med föregående år",
    "200 ärenden får respons inom fem minuter",
    "Lift week-1 activation from 38% to 55%",
    "Out of 8 planned blog posts this quarter, at least 3 appear in the top 10 Google results for their keywords",
    "Contact 50 warm leads to schedule initial meetings",
    "10 new clients by the end of Q4",
    "Write and deliver a new marketing plan",
    "Increase incoming leads from 4000 to 5500 per quarter",
    "Publish 10 posts",
    "Publish 8 blog posts",
    "Lift qualified leads from 80 to 200",
    "Grow organic signups from 200 to 500",
    "Svara på 95% av kundfrågorna inom 24 timmar",
    "Increase eNPS score for the Customer Service team from 4 to 4.5/5",
    "Increase revenue by 15% in the next quarter",
    "Increase the number of new customers by 10%",
    "Increase the average order value by 5%",
    "Reduce customer churn by 2%",
    "Increase revenue",
    "Improve Net Promoter Score from X to Y",
    "Öka intäkterna",
    "Öka intäkterna från 1,5 MUSD till 2,5 MUSD i år för att möjliggöra territoriell expansion",
    "Öka försäljningspipen",
    "Improve system security",
    "Increase API uptime from 99.2% to 99.95%",
}
# Round 3 texts changed from the page: a list or quotes dropped, an imperative made of a "you could…" sentence,
# "din" (your) made "vår" (our), a doubled word removed, a sentence capitalised.
ADAPTED |= {
    "Restructure the website to focus on converting users into leads",
    "Listen to an Italian podcast every day",
    "Watch a TV show in Italian",
    "Complete an Italian language course",
    "Skapa det lägsta koldioxidavtrycket i vår bransch",
    "Få en miljon besökare på webben",
    "En fjärdedel av materialet i vår produkt är komposterbart",
    "Öka varumärkeskännedomen",
    "Synlighet i 10 målriktade medier",
    "Deltagande i tre branschmässor",
    "Reduce the number of spoofing attacks from 200 to 10 per day",
    "All design team members are coached on new branding guidelines",
    "Complete QBRs for all tier-1 accounts",
}
KINDS = {"o": "objective", "k": "key_result"}
VERDICTS = {"g": "good", "b": "bad"}
BASIS = {"e": "explicit", "i": "implicit"}
HERE = pathlib.Path(__file__).parent
# Round 3 (issue 15): pages new in this round, one row per line in the same format; written-here items apart.
ROUND3 = HERE / "okr_examples_round3.txt"
# Round 4: pages read after the test split was frozen, all of them while rules changed, so all tune.
ROUND4 = HERE / "okr_examples_round4.txt"
# Round 5: one new page (fewer than 8, so no new frozen split): tune.
ROUND5 = HERE / "okr_examples_round5.txt"
# Round 6: pages new in round 6, read once with the rules of main before any rule was changed from them; split by
# site into tune and a second frozen test split (test2), see site_of and split6_of.
ROUND6 = HERE / "okr_examples_round6.txt"
# Round 6b: pages found after test2 was frozen: tune.
ROUND6B = HERE / "okr_examples_round6b.txt"
# Round 7: pages new in round 7, all of sites never used before, read once with the rules of main before any rule was
# changed from them; split by site into tune and a third frozen test split (test3), see split7_of.
ROUND7 = HERE / "okr_examples_round7.txt"
# Round 8: model OKRs that pages show as examples (and the explicit verdicts on the same pages), all of sites never used
# before, read once with the rules of main before any rule was changed from them; split by site into tune and a fourth
# frozen test split (test4), see split8_of. Every text as published (no ADAPTED set for round 8).
ROUND8 = HERE / "okr_examples_round8.txt"
# Round 9: items whose page states a verdict (most of all bad objectives) and the model OKRs on the same pages, all of
# sites never used before, read once with the rules of main before any rule was changed from them; split by site into
# tune and a fifth frozen test split (test5), see split9_of. Every text as published (no ADAPTED set for round 9).
ROUND9 = HERE / "okr_examples_round9.txt"
WRITTEN = HERE / "okr_examples_written.txt"
# The Swedish parity probe: translations of English tuning items and typical good Swedish items, written here.
PARITY = HERE / "okr_examples_parity_sv.txt"
TEST_PERCENT = 50
# Round 6 texts changed from the page: a sentence capitalised, a final full stop dropped.
ADAPTED |= {
    "Be more user-focused",
    "Install release 10.0 of the vendor package",
    "Make a lot of money",
    "Make our web application better",
    "Improve marketing team",
    "Customer experience",
    "Improve activation for new sign-ups so that more reach the value-realization moment within the first week",
    "Make the support experience deflect predictable issues so the team can focus on harder cases",
    "Establish enterprise-readiness foundations so we can serve the segment we are targeting next year",
    "Increase the percentage of new sign-ups reaching the value-realization moment within their first week from 32% to 45%",
    "Reduce the median time-to-first-value from 4.2 days to under 2 days",
    "Reach 80% completion rate on the onboarding flow (up from 64%)",
    "Improve activation significantly",
    "Ship 5 onboarding redesign initiatives",
    "Increase total signups by 50%",
    "Reach 1M users",
    "Increase 7-day activation rate from 32% to 45%",
    "Record 50 podcasts",
    "Reach at least 1,000 engaged listeners through our podcast",
    "Excite our customers with the launch of our new AI functionality",
    "Improve Operational Cash flow by 10% this quarter",
    "Improve Average-Order-Value by 20%",
    "Launch the V2 search API",
    "Achieve new sales of $50m in Q3",
    "Add 1,000 new customers in our region by Q4",
    "Increase team win rate from 5% to 6% by Q3",
}
# Round 7 texts changed from the page: a sentence capitalised, a final full stop or a comma inside the quote dropped.
# Kept apart from ADAPTED and used for round 7's rows only: the same text published unchanged on an earlier page must
# stay "as published" there (the frozen splits do not change).
ADAPTED7 = {
    "Accelerate revenue growth",
    "Increase customer retention by adapting to the changing workplace environment",
    "Implement new waste collection routes",
    "Improve neighborhood cleanliness and satisfaction with waste services",
    "Increase volunteer engagement to boost program effectiveness and satisfaction",
    "Increase volunteer engagement activity scores by 20% by December 31st",
    "Increase new volunteer sign-ups by 10% by the end of 1st Quarter",
    "Achieve a 90% volunteer satisfaction rate by the end of 2nd Quarter",
    "Improve customer satisfaction and loyalty",
    "Resolve 95% of customer issues within 24 hours by the end of 1st Quarter",
    "Increase Net Promoter Score (NPS) from 70 to 85 by the end of the 2nd Quarter",
    "Conduct customer satisfaction surveys after each interaction and achieve a 4.5/5 average rating across all product "
    "lines by the end of the 2nd Quarter",
    "Launch the Q1 Referral Program",
    "Become the obvious choice for solo founders in India",
    "Hit ₹50L MRR from accounts <2 employees",
    "Customer service completes sales training",
    "Increase school admissions",
    "Ship the new editor",
    "Launch 3 integrations",
    "Launch redesigned dashboard",
    "Increase daily dashboard usage from 40% to 65%",
    "Write 10 help articles",
    "Reduce support tickets about onboarding by 30%",
    "Release API v2",
    "Grow API-connected accounts from 50 to 120",
    "Build the integration with Salesforce",
    "Add a new reporting view",
    "Ship the mobile redesign",
}


def item_id(lang: str, kind: str, text: str) -> str:
    """A stable id from the content, so the held-out rule (a hash of the id) never depends on file order."""
    return f"{lang}-{kind[0]}-" + hashlib.sha1(f"{lang}|{kind}|{text}".encode()).hexdigest()[:8]


def _rows(text: str) -> list[list[str]]:
    return [line.split("|", 6) for line in text.strip().splitlines() if line.strip() and not line.startswith("#")]


def _item(row: list[str], url_note: str | None = None, adapted: set[str] | None = None) -> dict:
    lang, kind, verdict, basis, url, says, text = row
    adapted = ADAPTED if adapted is None else adapted
    kind = KINDS[kind]
    return {
        "id": item_id(lang, kind, text),
        "text": text,
        "kind": kind,
        "lang": lang,
        "verdict": VERDICTS[verdict],
        "verdict_basis": BASIS[basis],
        "source_url": url_note or url,
        "source_says": says,
        "adaptation": "lightly adapted" if text in adapted else "as published",
    }


def split_of(url: str, earlier_pages: set[str]) -> str:
    """tune or test, by SOURCE PAGE: pages used in earlier rounds were seen while rules were changed, so they
    are tune; of the pages new in round 3, a fixed hash of the URL puts about half in the frozen test split."""
    if url in earlier_pages:
        return "tune"
    return "test" if int(hashlib.sha1(url.encode("utf-8")).hexdigest(), 16) % 100 < TEST_PERCENT else "tune"


def site_of(url: str) -> str:
    """The site a page belongs to: the owner of a GitHub repository, otherwise the name of the domain without its
    suffix (support.weekplan.net and github.com/weekplan are one site, "weekplan"). Pages of one site share a style."""
    parts = urlsplit(url)
    host = parts.netloc.lower().split(":")[0]
    labels = [x for x in host.split(".") if x != "www"]
    if labels[-2:] in (["github", "com"], ["atvirt", "com"]):  # github.atvirt.com mirrors github.com
        return parts.path.strip("/").split("/")[0].lower()
    return labels[-2] if len(labels) >= 2 else host


def split6_of(url: str, earlier_sites: set[str]) -> str:
    """tune or test2 for a page new in round 6, by SITE: a site used in an earlier round was read while rules were
    changed, so its new pages are tune; of the other sites, a fixed hash of the site puts about half in test2."""
    site = site_of(url)
    if site in earlier_sites:
        return "tune"
    return "test2" if int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % 100 < TEST_PERCENT else "tune"


def split7_of(url: str) -> str:
    """tune or test3 for a page new in round 7 (every site of round 7 is new): the same fixed hash of the site as in
    round 6 puts about half of the sites in test3."""
    site = site_of(url)
    return "test3" if int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % 100 < TEST_PERCENT else "tune"


def split8_of(url: str) -> str:
    """tune or test4 for a page new in round 8 (every site of round 8 is new): the same fixed hash of the site as in
    rounds 6 and 7 puts about half of the sites in test4."""
    site = site_of(url)
    return "test4" if int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % 100 < TEST_PERCENT else "tune"


def split9_of(url: str) -> str:
    """tune or test5 for a page new in round 9 (every site of round 9 is new): the same fixed hash of the site as in
    rounds 6 to 8 puts about half of the sites in test5."""
    site = site_of(url)
    return "test5" if int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % 100 < TEST_PERCENT else "tune"


def build_all() -> dict[str, list[dict]]:
    """The eight files: tune, test, test2, test3, test4 and test5 (published items, split by page or site), written and
    parity (written here, never published)."""
    earlier = [_item(r) for r in _rows(ROWS)]
    earlier_pages = {i["source_url"] for i in earlier}
    seen = {i["id"] for i in earlier}
    round3 = []
    for row in _rows(ROUND3.read_text(encoding="utf-8")):
        item = _item(row)
        if item["id"] not in seen:  # the same text on a page already used: keep the first
            seen.add(item["id"])
            round3.append(item)
    out: dict[str, list[dict]] = {"tune": list(earlier), "test": []}
    for item in round3:
        out[split_of(item["source_url"], earlier_pages)].append(item)
    for row in _rows(ROUND4.read_text(encoding="utf-8")) + _rows(ROUND5.read_text(encoding="utf-8")):
        item = _item(row)
        if item["id"] not in seen:
            seen.add(item["id"])
            out["tune"].append(item)
    earlier_urls = {i["source_url"] for items in out.values() for i in items}
    earlier_sites = {site_of(url) for url in earlier_urls}
    out["test2"] = []
    for row in _rows(ROUND6.read_text(encoding="utf-8")):
        item = _item(row)
        assert item["source_url"] not in earlier_urls, f"round 6 is for new pages only: {item['source_url']}"
        if item["id"] not in seen:  # the same text on a page already used: keep the first
            seen.add(item["id"])
            out[split6_of(item["source_url"], earlier_sites)].append(item)
    test2_sites = {site_of(i["source_url"]) for i in out["test2"]}
    for row in _rows(ROUND6B.read_text(encoding="utf-8")):
        item = _item(row)
        assert site_of(item["source_url"]) not in test2_sites, (
            f"a site of test2 stays out of tune: {item['source_url']}"
        )
        if item["id"] not in seen:
            seen.add(item["id"])
            out["tune"].append(item)
    for number, path, test, split_round, adapted in (
        (7, ROUND7, "test3", split7_of, ADAPTED7),
        (8, ROUND8, "test4", split8_of, set()),
        (9, ROUND9, "test5", split9_of, set()),
    ):
        _new_sites(out, seen, number, path, test, split_round, adapted)
    out["written"] = [_item(r, "written here") for r in _rows(WRITTEN.read_text(encoding="utf-8"))]
    out["parity"] = [_item(r, "written here") for r in _rows(PARITY.read_text(encoding="utf-8"))]
    for name, items in out.items():
        ids = [i["id"] for i in items]
        assert len(set(ids)) == len(ids), f"duplicate example in {name}"
    texts = {i["text"] for items in out.values() for i in items}
    assert not (ADAPTED - texts), ADAPTED - texts
    assert not (ADAPTED7 - texts), ADAPTED7 - texts
    return out


def _new_sites(out: dict, seen: set, number: int, path, test: str, split_of, adapted: set) -> None:
    """Round ``number``'s rows (sites never used before) into ``test`` or the tuning split, by ``split_of``."""
    sites_before = {site_of(i["source_url"]) for items in out.values() for i in items}
    out[test] = []
    for row in _rows(path.read_text(encoding="utf-8")):
        item = _item(row, adapted=adapted)
        assert site_of(item["source_url"]) not in sites_before, (
            f"round {number} is for new sites only: {item['source_url']}"
        )
        if item["id"] not in seen:  # the same text on a page already used: keep the first
            seen.add(item["id"])
            out[split_of(item["source_url"])].append(item)


def build() -> list[dict]:
    """The tuning split (okr_examples.jsonl)."""
    return build_all()["tune"]


FILES = {
    "tune": "okr_examples.jsonl",
    "test": "okr_examples_test.jsonl",
    "test2": "okr_examples_test2.jsonl",
    "test3": "okr_examples_test3.jsonl",
    "test4": "okr_examples_test4.jsonl",
    "test5": "okr_examples_test5.jsonl",
    "written": "okr_examples_written.jsonl",
    "parity": "okr_examples_parity_sv.jsonl",
}

if __name__ == "__main__":
    for name, rows in build_all().items():
        out = pathlib.Path(__file__).with_name(FILES[name])
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(name, len(rows), "items", dict(Counter((r["lang"], r["verdict"]) for r in rows)))
