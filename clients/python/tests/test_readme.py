"""The README's Python examples stay valid Python and use only names the package exports."""

import ast
import os
import re
import unittest

import helpers  # noqa: F401  (puts the package on sys.path)
import scstbus_client

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")


def python_blocks():
    with open(README, encoding="utf-8") as f:
        return re.findall(r"```python\n(.*?)```", f.read(), re.S)


class ReadmeTest(unittest.TestCase):

    def test_examples_compile_and_import_existing_names(self):
        blocks = python_blocks()
        self.assertGreaterEqual(len(blocks), 2)
        for i, code in enumerate(blocks):
            tree = ast.parse(code, f"README.md python block {i}")
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module == "scstbus_client":
                    for alias in node.names:
                        self.assertTrue(hasattr(scstbus_client, alias.name), alias.name)

    def test_the_scst_example_uses_the_client_api_as_defined(self):
        code = python_blocks()[-1]
        for call in ("bus.publish(step,", "bus.collect(step)", "bus.advantages(rewards, baseline=\"greedy\")",
                     ".by_image()", "loss = -(a * logp[keep]).mean()"):
            self.assertIn(call, code)
        self.assertTrue(callable(getattr(scstbus_client.RewardClient, "publish")))
        self.assertTrue(callable(getattr(scstbus_client.Advantages, "by_image")))


if __name__ == "__main__":
    unittest.main()
