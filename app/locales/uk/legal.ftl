# Legal documents: none in this language. They exist in Italian and English only (a legal text is
# not machine-translated); readers of this language get the English text, marked lang="en", with
# a notice in their language (`lg_english_only` in cupola.ftl). A reviewed translation goes here,
# complete (every message of ../en/legal.ftl): the test `every_message_exists_in_every_language`
# accepts this file empty or complete, nothing in between.
