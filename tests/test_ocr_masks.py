"""The stamp masks (OpenCV `inRange`) hold exactly the pixels their rule names: saturation and value
over 70, hue under 12 or over 165 (red) or 95-135 (blue), on OpenCV's 0-179 hue scale."""
import cv2
import numpy as np

from pipeline.ocr.preprocess import remove_stamps, stamp_mask
from pipeline.ocr.stamps import red_mask


def _rule(rgb, blue=True):
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    hue = (h < 12) | (h > 165) | (((h >= 95) & (h <= 135)) if blue else False)
    return (s > 70) & (v > 70) & hue


def test_masks_and_painting_follow_the_rule_on_every_colour():
    rng = np.random.default_rng(17)
    rgb = rng.integers(0, 256, (300, 400, 3), dtype=np.uint8)
    assert np.array_equal(stamp_mask(rgb), _rule(rgb))
    assert np.array_equal(red_mask(rgb), _rule(rgb, blue=False))
    painted = rgb.copy()
    painted[_rule(rgb)] = 255
    assert np.array_equal(remove_stamps(rgb), painted)
    assert _rule(rgb).any() and not _rule(rgb).all()
