"""The README's examples stay valid: its Python compiles and imports only names the package exports, and
the training program's command line uses only options the program has."""

import ast
import os
import re
import shlex
import unittest

import helpers  # noqa: F401
import scstbus_client
from scstbus_client.train import DEFAULT_WEIGHTS, build_parser

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")


def readme():
    with open(README, encoding="utf-8") as f:
        return f.read()


class ReadmeTest(unittest.TestCase):

    def test_python_examples_compile_and_import_existing_names(self):
        blocks = re.findall(r"```python\n(.*?)```", readme(), re.S)
        self.assertGreaterEqual(len(blocks), 1)
        for i, code in enumerate(blocks):
            tree = ast.parse(code, f"README.md python block {i}")
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module == "scstbus_client":
                    for alias in node.names:
                        self.assertTrue(hasattr(scstbus_client, alias.name), alias.name)

    def test_the_training_command_parses_with_the_programs_options(self):
        commands = [b for b in re.findall(r"```bash\n(.*?)```", readme(), re.S) if "scstbus_client.train" in b]
        self.assertEqual(1, len(commands))
        argv = shlex.split(commands[0].replace("\\\n", " "))
        self.assertEqual(["python3", "-m", "scstbus_client.train"], argv[:3])
        args = build_parser().parse_args(argv[3:])
        self.assertEqual(500, args.steps)
        self.assertEqual(DEFAULT_WEIGHTS, args.signals, "the README's mix is the default mix, written out")

    def test_every_option_the_readme_names_exists(self):
        known = {o for a in build_parser()._actions for o in a.option_strings}
        section = readme().split("## The training program", 1)[1].split("\n## ", 1)[0]
        section = re.sub(r"`bin/[^`]*`", "", section)   # other commands' options
        named = set(re.findall(r"`(--[a-z][a-z-]*)", section)) | set(re.findall(r"\s(--[a-z][a-z-]*)", section))
        self.assertEqual(set(), named - known)


if __name__ == "__main__":
    unittest.main()
