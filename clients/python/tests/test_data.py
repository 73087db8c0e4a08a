"""Dataset files read as the Java side reads them (reward-workers .../data): the image-id rule, the three
annotation layouts, count dictionaries as build-counts writes them, and bad files named."""

import json
import os
import shutil
import tempfile
import unittest

import helpers
from scstbus_client.data import DataError, image_id_of, load_dataset, read_annotations, read_counts

SAMPLE = os.path.join(helpers.TESTDATA, "rsicd", "sample_dataset.json")
COUNTS = os.path.join(helpers.TESTDATA, "rsicd", "sample_counts.json")


class DataTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="scstbus-py-data-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def write(self, name, value):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(value if isinstance(value, str) else json.dumps(value))
        return path

    def test_image_id_is_the_file_name_without_folder_and_extension(self):
        self.assertEqual("airport_1", image_id_of("images/airport_1.jpg"))
        self.assertEqual("a.b", image_id_of("x\\a.b.tif"))
        self.assertEqual(".hidden", image_id_of(".hidden"))

    def test_karpathy_file_with_its_count_dictionaries(self):
        d = load_dataset([SAMPLE], COUNTS)
        self.assertEqual("rsicd-samples", d.name)
        self.assertEqual(["airport_17", "sparseresidential_268", "square_146", "missing_1", "broken_1"],
                         [e.image_id for e in d.split(["train"])])
        self.assertEqual({"plane": 2, "airport": 1, "parking lot": 1}, d.counts["airport_17"])
        refs = {r.image_id: r for r in d.references()}
        self.assertEqual(("train", 5), (refs["airport_17"].split, len(refs["airport_17"].captions)))
        self.assertEqual({"plane": 2, "airport": 1, "parking lot": 1}, refs["airport_17"].counts)

    def test_coco_and_lavis_layouts_give_the_same_ids(self):
        coco = self.write("coco.json", {"images": [{"id": 7, "file_name": "val/x_1.jpg"}],
                                        "annotations": [{"image_id": 7, "caption": "a"}, {"image_id": 7, "caption": "b"}]})
        lavis = self.write("lavis.json", [{"image": "val/x_1.jpg", "caption": "a", "image_id": 7},
                                          {"image": "val/x_1.jpg", "caption": ["b"]}])
        for path in (coco, lavis):
            (e,) = read_annotations(path)
            self.assertEqual(("x_1", "val/x_1.jpg", ["a", "b"]), (e.image_id, e.relative_path, e.captions))

    def test_bad_files_are_named(self):
        cases = {
            "missing": os.path.join(self.tmp, "nope.json"),
            "not valid JSON": self.write("bad.json", "{"),
            "not a Karpathy, COCO or LAVIS": self.write("other.json", {"foo": 1}),
            "refers to image_id 9": self.write("c.json", {"images": [], "annotations": [{"image_id": 9, "caption": "x"}]}),
        }
        for needle, path in cases.items():
            with self.subTest(needle), self.assertRaises(DataError) as e:
                read_annotations(path)
            self.assertIn(os.path.basename(path) if needle != "missing" else "does not exist", str(e.exception))
            if needle != "missing":
                self.assertIn(needle, str(e.exception))

    def test_count_dictionaries_json_lines_or_one_object_and_bad_counts(self):
        self.assertEqual(7, len(read_counts(COUNTS)))
        self.assertEqual({"a": {"plane": 3}}, read_counts(self.write("one.json", {"a": {"plane": 3}})))
        with self.assertRaises(DataError) as e:
            read_counts(self.write("neg.json", {"a": {"plane": -1}}))
        self.assertIn("image 'a', object 'plane' has count -1", str(e.exception))

    def test_an_image_in_two_splits_is_an_error(self):
        a = self.write("a.json", {"images": [{"filename": "x.jpg", "split": "train", "sentences": [{"raw": "a"}]}]})
        b = self.write("b.json", {"images": [{"filename": "x.jpg", "split": "test", "sentences": [{"raw": "b"}]}]})
        with self.assertRaises(DataError) as e:
            load_dataset([a, b])
        self.assertIn("image 'x' is in split 'train'", str(e.exception))


if __name__ == "__main__":
    unittest.main()
