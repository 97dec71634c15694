Console.WriteLine("bkmonitor silo");
