"""The header survives a title change that lands after its title widget is gone (a screen
switched away at once, which a loaded machine makes likely)."""

from textual.app import App
from textual.widgets._header import HeaderTitle

from voicecoach.tui.widgets.header import Header


def app_with(header_class):
    class HeaderApp(App):
        def compose(self):
            yield header_class()

    return HeaderApp()


async def retitle_after_teardown(app) -> None:
    async with app.run_test() as pilot:
        await app.query_one(HeaderTitle).remove()
        app.screen.sub_title = "review · 1:02 answer"
        await pilot.pause()


async def test_a_title_change_after_the_title_widget_is_gone_is_ignored():
    app = app_with(Header)
    await retitle_after_teardown(app)
    assert app.return_code in (0, None)

