"""Meters and sensors: update period, NVML counter (with a stand-in pynvml), sampled power in a thread, Jetson rails
in simulated sysfs trees, tegrastats lines."""

import os
import tempfile
import time
import unittest

from edgenas_profiler import jetson, nvml
from edgenas_profiler.energy import MeasurementError
from edgenas_profiler.meters import CounterMeter, PolledSource, SampledMeter, measure_update_period


class FakeClock:
    """A clock that only moves when slept on."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, dt):
        self.now += dt


class UpdatePeriodTest(unittest.TestCase):
    """Measuring how often a sensor updates."""

    def test_counter_updated_every_20_ms(self):
        clock = FakeClock()
        read = lambda: int(clock.now / 0.020) * 7  # a counter that steps every 20 ms
        self.assertAlmostEqual(measure_update_period(read, clock, clock.sleep), 0.020, places=3)

    def test_sensor_that_never_changes_is_an_error(self):
        clock = FakeClock()
        with self.assertRaises(MeasurementError) as e:
            measure_update_period(lambda: 5, clock, clock.sleep, timeout_s=1.0)
        self.assertIn("changed 0 times", str(e.exception))


class FakePynvml:
    """The pynvml functions the profiler calls, over a simulated GPU drawing a constant power."""

    class NVMLError(Exception):
        """The stand-in of pynvml.NVMLError."""

    NVML_CLOCK_SM = 1
    NVML_CLOCK_MEM = 2

    def __init__(self, clock, watts=125.0, has_counter=True):
        self.clock = clock
        self.watts = watts
        self.has_counter = has_counter
        self.initialised = False

    def nvmlInit(self):
        self.initialised = True

    def nvmlDeviceGetHandleByIndex(self, i):
        if i != 0:
            raise self.NVMLError("Invalid Argument")
        return "handle0"

    def nvmlDeviceGetName(self, h):
        return b"NVIDIA H200"

    def nvmlSystemGetDriverVersion(self):
        return "580.159.04"

    def nvmlDeviceGetPowerManagementLimit(self, h):
        return 700000

    def nvmlDeviceGetPersistenceMode(self, h):
        return 1

    def nvmlDeviceGetClockInfo(self, h, which):
        return 1980 if which == self.NVML_CLOCK_SM else 3201

    def nvmlDeviceGetMaxClockInfo(self, h, which):
        raise self.NVMLError("Not Supported")

    def nvmlDeviceGetPerformanceState(self, h):
        return 0

    def nvmlDeviceGetTotalEnergyConsumption(self, h):
        if not self.has_counter:
            raise self.NVMLError("Not Supported")
        # mJ since "driver load", updated every 10 ms
        return 5000000 + int(int(self.clock.now / 0.010) * 0.010 * self.watts * 1000)

    def nvmlDeviceGetPowerUsage(self, h):
        return int(self.watts * 1000)


class NvmlTest(unittest.TestCase):
    """The NVML backend through a stand-in pynvml."""

    def test_counter_meter_differences_the_total_energy_counter(self):
        clock = FakeClock()
        fake = FakePynvml(clock, watts=125.0)
        meter, info = nvml.open_meter(0, "counter", pynvml=fake, clock=clock, sleep=clock.sleep)
        self.assertIsInstance(meter, CounterMeter)
        meter.open()
        self.assertAlmostEqual(meter.period_s(), 0.010, places=4)
        clock.now = 10.0
        a = meter.mark()
        clock.now = 12.0
        b = meter.mark()
        # 125 W for 2 s = 250 J
        self.assertEqual(meter.energy_mj(a, b), 250000.0)
        self.assertEqual(info["gpu"], "NVIDIA H200")
        self.assertEqual(info["driver"], "580.159.04")
        self.assertEqual(info["power_limit_w"], 700.0)
        self.assertEqual(info["sm_clock_mhz"], 1980)
        self.assertTrue(info["max_sm_clock_mhz"].startswith("unavailable"))
        self.assertEqual(meter.describe()["update_period_s"], meter.period_s())

    def test_gpu_without_counter_needs_power_mode(self):
        clock = FakeClock()
        with self.assertRaises(nvml.NvmlError) as e:
            nvml.open_meter(0, "counter", pynvml=FakePynvml(clock, has_counter=False), clock=clock,
                            sleep=clock.sleep)
        self.assertIn("set backend.mode to 'power'", str(e.exception))
        meter, _ = nvml.open_meter(0, "power", pynvml=FakePynvml(clock, has_counter=False), clock=clock,
                                   sleep=clock.sleep)
        self.assertIsInstance(meter, SampledMeter)

    def test_unknown_gpu_index(self):
        clock = FakeClock()
        with self.assertRaises(nvml.NvmlError) as e:
            nvml.open_meter(3, pynvml=FakePynvml(clock), clock=clock, sleep=clock.sleep)
        self.assertIn("NVML has no GPU 3", str(e.exception))


class SampledMeterTest(unittest.TestCase):
    """Power sampled in a real thread."""

    def test_constant_power_sampled_in_a_thread(self):
        # 5 W sampled every 2 ms of real time: the integral over any covered window is 5 W x its length exactly
        meter = SampledMeter(PolledSource(lambda: 5.0, 0.002), {"backend": "test"})
        meter.open()
        try:
            a = meter.mark()
            time.sleep(0.05)
            b = meter.mark()
            self.assertAlmostEqual(meter.energy_mj(a, b), 5.0 * (b.t - a.t) * 1000.0, places=6)
            self.assertGreater(meter.period_s(), 0.0)
            self.assertLess(meter.describe()["sample_interval_s"], 0.05)
        finally:
            meter.close()

    def test_a_failing_sensor_is_reported(self):
        calls = []

        def read():
            calls.append(1)
            if len(calls) > 10:
                raise OSError("i2c read failed")
            return 4.0

        meter = SampledMeter(PolledSource(read, 0.001), {"backend": "test"}, wait_timeout_s=2.0)
        with self.assertRaises(MeasurementError) as e:
            meter.open()
            a = meter.mark()
            time.sleep(0.02)
            meter.energy_mj(a, meter.mark())
        self.assertIn("i2c read failed", str(e.exception))
        meter.close()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text + "\n")


class RailDiscoveryTest(unittest.TestCase):
    """INA3221 rails in simulated sysfs trees of both kernel layouts."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def jetpack4_xavier_nx(self):
        dev = os.path.join(self.root, "bus/i2c/drivers/ina3221x/7-0040/iio:device0")
        for ch, (name, mw) in enumerate([("VDD_IN", 4567), ("VDD_CPU_GPU_CV", 615), ("VDD_SOC", 1353)]):
            write(os.path.join(dev, "rail_name_%d" % ch), name)
            write(os.path.join(dev, "in_power%d_input" % ch), str(mw))
            write(os.path.join(dev, "in_voltage%d_input" % ch), "5000")

    def jetpack5_xavier_nx(self):
        hw = os.path.join(self.root, "bus/i2c/drivers/ina3221/7-0040/hwmon/hwmon3")
        for ch, (name, mv, ma) in enumerate([("VDD_IN", 5000, 900), ("VDD_CPU_GPU_CV", 5000, 120),
                                             ("VDD_SOC", 5000, 270)], start=1):
            write(os.path.join(hw, "in%d_label" % ch), name)
            write(os.path.join(hw, "in%d_input" % ch), str(mv))
            write(os.path.join(hw, "curr%d_input" % ch), str(ma))
        write(os.path.join(hw, "in7_label"), "sum of shunt voltages")  # a label without a current file

    def test_jetpack4_iio_rails_read_power_in_milliwatts(self):
        self.jetpack4_xavier_nx()
        rails = jetson.find_rails(self.root)
        self.assertEqual([r.name for r in rails], ["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"])
        self.assertAlmostEqual(rails[0].read_w(), 4.567)
        self.assertEqual(jetson.select_rails(rails), [rails[0]])

    def test_jetpack5_hwmon_rails_multiply_voltage_and_current(self):
        self.jetpack5_xavier_nx()
        rails = jetson.find_rails(self.root)
        self.assertEqual([r.name for r in rails], ["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"])
        # 5000 mV x 900 mA = 4.5 W
        self.assertAlmostEqual(rails[0].read_w(), 4.5)
        chosen = jetson.select_rails(rails, ["VDD_CPU_GPU_CV", "VDD_SOC"])
        # 5 V x (120 + 270) mA = 1.95 W
        self.assertAlmostEqual(jetson.sum_power_w(chosen)(), 1.95)

    def test_missing_rail_lists_those_found(self):
        self.jetpack5_xavier_nx()
        with self.assertRaises(jetson.RailError) as e:
            jetson.select_rails(jetson.find_rails(self.root), ["VDD_GPU"])
        self.assertIn("rail(s) VDD_GPU not found in sysfs; rails found: VDD_CPU_GPU_CV, VDD_IN, VDD_SOC",
                      str(e.exception))

    def test_board_without_input_rail_asks_for_rails(self):
        dev = os.path.join(self.root, "bus/i2c/drivers/ina3221x/0-0041/iio:device1")
        write(os.path.join(dev, "rail_name_0"), "VDD_SYS_GPU")
        write(os.path.join(dev, "in_power0_input"), "152")
        with self.assertRaises(jetson.RailError) as e:
            jetson.select_rails(jetson.find_rails(self.root))
        self.assertIn("rails found: VDD_SYS_GPU", str(e.exception))
        self.assertIn("backend.rails", str(e.exception))

    def test_no_sensor_at_all(self):
        self.assertEqual(jetson.find_rails(self.root), [])
        with self.assertRaises(jetson.RailError) as e:
            jetson.select_rails([])
        self.assertIn("rails found: none", str(e.exception))

    def test_rails_given_as_files(self):
        write(os.path.join(self.root, "p"), "2500")
        write(os.path.join(self.root, "v"), "19000")
        write(os.path.join(self.root, "i"), "250")
        rails = jetson.rails_from_files([{"name": "A", "power_mw": os.path.join(self.root, "p")},
                                         {"name": "B", "voltage_mv": os.path.join(self.root, "v"),
                                          "current_ma": os.path.join(self.root, "i")}])
        # 2.5 W + 19 V x 0.25 A = 7.25 W
        self.assertAlmostEqual(jetson.sum_power_w(rails)(), 7.25)


class TegrastatsTest(unittest.TestCase):
    """tegrastats output of JetPack 4 and 5 boards."""

    def test_jetpack4_xavier_nx_line(self):
        line = ("RAM 2232/7772MB (lfb 1022x4MB) SWAP 0/3886MB (cached 0MB) CPU [2%@1190,1%@1190,off,off,off,off] "
                "EMC_FREQ 0% GR3D_FREQ 0% AO@39C GPU@39.5C PMIC@100C AUX@39C CPU@40C thermal@39.85C "
                "VDD_IN 3794/3794 VDD_CPU_GPU_CV 413/413 VDD_SOC 1075/1075")
        self.assertEqual(jetson.parse_tegrastats(line), {"VDD_IN": 3.794, "VDD_CPU_GPU_CV": 0.413, "VDD_SOC": 1.075})

    def test_jetpack5_milliwatt_line(self):
        line = ("RAM 3456/30536MB (lfb 6614x4MB) CPU [0%@729,0%@729] GR3D_FREQ 0% cpu@45.5C "
                "VDD_GPU_SOC 2389mW/2389mW VDD_CPU_CV 398mW/412mW VIN_SYS_5V0 2517mW/2517mW")
        self.assertEqual(jetson.parse_tegrastats(line), {"VDD_GPU_SOC": 2.389, "VDD_CPU_CV": 0.398,
                                                         "VIN_SYS_5V0": 2.517})

    def test_tx2_line(self):
        line = ("RAM 1570/7854MB (lfb 1097x4MB) CPU [1%@345,off,off,1%@345,0%@345,0%@345] "
                "VDD_SYS_GPU 152/152 VDD_SYS_SOC 687/687 VDD_4V0_WIFI 0/0 VDD_IN 2675/2675 VDD_SYS_CPU 229/229 "
                "VDD_SYS_DDR 364/364")
        values = jetson.parse_tegrastats(line)
        self.assertEqual(values["VDD_IN"], 2.675)
        self.assertEqual(len(values), 6)
        self.assertNotIn("RAM", values)


    def test_tegrastats_process_feeds_the_board_input_rail(self):
        # a stand-in for tegrastats that prints a JetPack 5 line every interval
        with tempfile.TemporaryDirectory() as d:
            script = os.path.join(d, "tegrastats")
            write(script, "#!/usr/bin/env python3\n"
                          "import sys, time\n"
                          "assert sys.argv[1] == '--interval'\n"
                          "while True:\n"
                          "    print('RAM 1/2MB VDD_IN 5345mW/5000mW VDD_SOC 1200mW/1200mW', flush=True)\n"
                          "    time.sleep(int(sys.argv[2]) / 1000)")
            os.chmod(script, 0o755)
            source = jetson.TegrastatsSource(None, 5, script)
            try:
                self.assertAlmostEqual(source.next_w(), 5.345)
                self.assertEqual(source.rails, ["VDD_IN"])
            finally:
                source.close()
            source = jetson.TegrastatsSource(["VDD_IN", "VDD_SOC"], 5, script)
            try:
                self.assertAlmostEqual(source.next_w(), 6.545)
            finally:
                source.close()

    def test_missing_tegrastats_is_a_clear_error(self):
        with self.assertRaises(jetson.RailError) as e:
            jetson.TegrastatsSource(None, 20, "/nonexistent/tegrastats")
        self.assertIn("'/nonexistent/tegrastats' not found", str(e.exception))


if __name__ == "__main__":
    unittest.main()
